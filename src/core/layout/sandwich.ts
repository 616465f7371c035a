import type { MergedTree } from './merge';
import type { WeightedTree } from './flow';

/**
 * The two trees of a sandwich view for one function (speedscope's sandwich): callees below,
 * merged by frame from every outermost call of the function, and callers above, the inverted
 * stacks leading to those calls. Only outermost calls count, so recursion is not counted twice
 * and both trees have the same total: the function's inclusive weight.
 * Root node 0 of both trees stands for the function itself.
 */
export function sandwichTrees(
  merged: MergedTree,
  inFunction: Uint8Array,
): { callees: WeightedTree; callers: WeightedTree; frame: number } {
  const n = merged.count;
  // Outermost occurrences: in function, with no ancestor in function (parents come first).
  const below = new Uint8Array(n);
  const outermost: number[] = [];
  for (let m = 1; m < n; m++) {
    const p = merged.parent[m];
    const inside = below[p] === 1;
    if (inFunction[merged.frame[m]] === 1) {
      if (!inside) outermost.push(m);
      below[m] = 1;
    } else if (inside) {
      below[m] = 1;
    }
  }
  let frame = -1;
  let heaviest = -Infinity;
  for (const m of outermost) {
    if (merged.total[m] > heaviest) {
      heaviest = merged.total[m];
      frame = merged.frame[m];
    }
  }

  const callees = new TreeBuilder(frame);
  const calleeOf = new Int32Array(n).fill(-1);
  for (const m of outermost) calleeOf[m] = 0;
  for (let m = 1; m < n; m++) {
    if (calleeOf[m] === 0) {
      callees.addSelf(0, merged.self[m]);
      continue;
    }
    const cp = calleeOf[merged.parent[m]];
    if (cp < 0) continue;
    calleeOf[m] = callees.child(cp, merged.frame[m]);
    callees.addSelf(calleeOf[m], merged.self[m]);
  }

  const callers = new TreeBuilder(frame);
  for (const m of outermost) {
    const w = merged.total[m];
    callers.addSelf(0, 0);
    let c = 0;
    for (let a = merged.parent[m]; a > 0; a = merged.parent[a]) {
      c = callers.child(c, merged.frame[a]);
    }
    callers.addSelf(c, w);
  }
  return { callees: callees.build(), callers: callers.build(), frame };
}

class TreeBuilder {
  private readonly frame: number[];
  private readonly parent: number[] = [-1];
  private readonly self: number[] = [0];
  private readonly kids = new Map<string, number>();

  constructor(rootFrame: number) {
    this.frame = [rootFrame];
  }

  child(parent: number, frame: number): number {
    const key = `${parent}:${frame}`;
    let c = this.kids.get(key);
    if (c === undefined) {
      c = this.frame.length;
      this.frame.push(frame);
      this.parent.push(parent);
      this.self.push(0);
      this.kids.set(key, c);
    }
    return c;
  }

  addSelf(node: number, w: number): void {
    this.self[node] += w;
  }

  build(): WeightedTree {
    const count = this.frame.length;
    const parent = Int32Array.from(this.parent);
    const total = Float64Array.from(this.self);
    for (let i = count - 1; i > 0; i--) total[parent[i]] += total[i];
    return { count, frame: Int32Array.from(this.frame), parent, total };
  }
}
