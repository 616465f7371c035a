import { childrenOf } from './merge';
import type { RectBuilder } from './rects';

/** A tree with inclusive weights, parents before children, node 0 the (undrawn) root. */
export interface WeightedTree {
  readonly count: number;
  readonly frame: Int32Array;
  readonly parent: Int32Array;
  readonly total: Float64Array;
}

/**
 * Sibling order: `name` sorts by function name like FlameGraph (so the same stacks always land
 * in the same place), `heavy` puts the heaviest callee first (speedscope's left-heavy view).
 */
export type SiblingOrder = 'name' | 'heavy';

export interface FlowOptions {
  readonly order: SiblingOrder;
  /** Rank of each frame's name in sorted order (see `frameRanks`). */
  readonly rank: Int32Array;
  /** +1 grows downwards from depth 0 (callees), -1 upwards (callers in the sandwich). */
  readonly direction?: 1 | -1;
  /** Depth of the root's children. */
  readonly firstDepth?: number;
  /** Rect index the root's children hang under (-1 for none). */
  readonly rootRect?: number;
}

/** Sorted-name rank of each frame, the tie-breaker that keeps layouts deterministic. */
export function frameRanks(names: readonly string[]): Int32Array {
  const ids = names.map((_, i) => i);
  ids.sort((a, b) => (names[a] < names[b] ? -1 : names[a] > names[b] ? 1 : a - b));
  const rank = new Int32Array(names.length);
  ids.forEach((id, r) => (rank[id] = r));
  return rank;
}

/**
 * FlameGraph's flow walk: each node's callees are laid out left to right from the node's start,
 * its self weight is the gap on the right. Iterative with typed-array stacks, so 10k-deep
 * recursion cannot overflow and 500k-node trees lay out without per-node allocation.
 * Nodes with no positive weight are left out.
 */
export function flow(tree: WeightedTree, out: RectBuilder, options: FlowOptions): void {
  const { rank, order } = options;
  const { total, frame } = tree;
  const dir = options.direction ?? 1;
  const { start, list } = sortedChildren(tree, rank, order);
  // Work stack: node, its start, its depth, its parent rect. A node is pushed at most once.
  const cap = tree.count + 1;
  const nodes = new Int32Array(cap);
  const xs = new Float64Array(cap);
  const depths = new Int32Array(cap);
  const parents = new Int32Array(cap);
  let top = 0;
  const pushChildren = (node: number, x: number, depth: number, rect: number) => {
    let end = x;
    for (let k = start[node]; k < start[node + 1]; k++) {
      if (total[list[k]] > 0) end += total[list[k]];
    }
    // Pushed last to first, so the first (leftmost) child is popped first: preorder.
    for (let k = start[node + 1] - 1; k >= start[node]; k--) {
      const c = list[k];
      if (!(total[c] > 0)) continue;
      end -= total[c];
      nodes[top] = c;
      xs[top] = end;
      depths[top] = depth;
      parents[top] = rect;
      top++;
    }
  };
  pushChildren(0, 0, options.firstDepth ?? 0, options.rootRect ?? -1);
  while (top > 0) {
    top--;
    const node = nodes[top];
    const x = xs[top];
    const depth = depths[top];
    const rect = out.add(frame[node], parents[top], depth, x, x + total[node]);
    pushChildren(node, x, depth + dir, rect);
  }
}

/**
 * Children lists in sibling order. By name: one counting sort of all nodes by name rank, then
 * the CSR fill keeps that order per parent, so no comparator runs (500k-node trees). Heaviest
 * first: a comparator sort of each list with more than one child.
 */
function sortedChildren(
  tree: WeightedTree,
  rank: Int32Array,
  order: SiblingOrder,
): { start: Int32Array; list: Int32Array } {
  const { count, parent, frame, total } = tree;
  if (order === 'heavy') {
    const csr = childrenOf(count, parent);
    const { start, list } = csr;
    const byWeight = (a: number, b: number) =>
      total[b] - total[a] || rank[frame[a]] - rank[frame[b]] || a - b;
    for (let p = 0; p < count; p++) {
      if (start[p + 1] - start[p] > 1) list.subarray(start[p], start[p + 1]).sort(byWeight);
    }
    return csr;
  }
  const ranks = rank.length + 1;
  const key = new Int32Array(count);
  const bucket = new Int32Array(ranks + 1);
  for (let i = 1; i < count; i++) {
    const k = frame[i] >= 0 ? rank[frame[i]] + 1 : 0;
    key[i] = k;
    bucket[k + 1]++;
  }
  for (let r = 0; r < ranks; r++) bucket[r + 1] += bucket[r];
  const byRank = new Int32Array(Math.max(0, count - 1));
  for (let i = 1; i < count; i++) byRank[bucket[key[i]]++] = i;
  const start = new Int32Array(count + 1);
  for (let i = 1; i < count; i++) start[parent[i] + 1]++;
  for (let i = 0; i < count; i++) start[i + 1] += start[i];
  const fill = start.slice(0, count);
  const list = new Int32Array(Math.max(0, count - 1));
  for (let j = 0; j < byRank.length; j++) {
    const node = byRank[j];
    list[fill[parent[node]]++] = node;
  }
  return { start, list };
}
