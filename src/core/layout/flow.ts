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
 * its self weight is the gap on the right. Iterative, so 10k-deep recursion cannot overflow.
 * Nodes with no positive weight are left out.
 */
export function flow(tree: WeightedTree, out: RectBuilder, options: FlowOptions): void {
  const { start, list } = childrenOf(tree.count, tree.parent);
  const { rank, order } = options;
  const dir = options.direction ?? 1;
  const byOrder =
    order === 'heavy'
      ? (a: number, b: number) =>
          tree.total[b] - tree.total[a] || rank[tree.frame[a]] - rank[tree.frame[b]]
      : (a: number, b: number) => rank[tree.frame[a]] - rank[tree.frame[b]] || a - b;
  // Work stack entries: node, its start, its depth, its parent rect.
  const nodes: number[] = [];
  const starts: number[] = [];
  const depths: number[] = [];
  const parents: number[] = [];
  const pushChildren = (node: number, x: number, depth: number, rect: number) => {
    const a = start[node];
    const b = start[node + 1];
    if (a === b) return;
    if (b - a === 1) {
      // Most nodes of a big tree have one callee or none: skip the sorting machinery.
      if (tree.total[list[a]] > 0) {
        nodes.push(list[a]);
        starts.push(x);
        depths.push(depth);
        parents.push(rect);
      }
      return;
    }
    const kids = Array.from(list.subarray(a, b)).filter((c) => tree.total[c] > 0);
    kids.sort(byOrder);
    const xs: number[] = [];
    for (const c of kids) {
      xs.push(x);
      x += tree.total[c];
    }
    for (let k = kids.length - 1; k >= 0; k--) {
      nodes.push(kids[k]);
      starts.push(xs[k]);
      depths.push(depth);
      parents.push(rect);
    }
  };
  pushChildren(0, 0, options.firstDepth ?? 0, options.rootRect ?? -1);
  while (nodes.length > 0) {
    const node = nodes.pop()!;
    const x = starts.pop()!;
    const depth = depths.pop()!;
    const parent = parents.pop()!;
    const rect = out.add(tree.frame[node], parent, depth, x, x + tree.total[node]);
    pushChildren(node, x, depth + dir, rect);
  }
}
