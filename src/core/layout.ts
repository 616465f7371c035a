// Flamegraph layout: profile prefix tree → rectangles {frame, depth, start, end} in preorder.
// Pure and DOM-free so the webview, the tests and the benchmark share it; drawing lives in
// src/webview. Views follow FlameGraph (merged, sorted by name), speedscope (left-heavy, time
// order, sandwich) and inferno's flow walk.
import type { Profile } from './model';
import { flow, type SiblingOrder } from './layout/flow';
import { mergeTree, type FlameTree } from './layout/merge';
import { RectBuilder, type Layout } from './layout/rects';
import { sandwichTrees } from './layout/sandwich';
import { timeOrder } from './layout/time';

export { frameRanks } from './layout/flow';
export { mergeTree, type FlameTree, type MergedTree } from './layout/merge';
export { selfWidth, type Layout } from './layout/rects';

export type LayoutView = 'flame' | 'left-heavy' | 'time' | 'sandwich';

export interface LayoutRequest {
  readonly view: LayoutView;
  /** Per frame, the rank of its name in sorted order (`frameRanks`). */
  readonly rank: Int32Array;
  /** One thread; all threads merged by frame when undefined. */
  readonly thread?: number;
  /** Per frame, 1 to hide ("only my code"). */
  readonly hidden?: Uint8Array;
  /** Leaf node per sample, for the time view (the view falls back to `flame` without it). */
  readonly timeline?: Int32Array;
  /** Per frame, 1 for the frames of the sandwich's function. */
  readonly sandwich?: Uint8Array;
}

/** The tree of one value type of a core Profile. */
export function treeOf(profile: Profile, valueIndex = profile.defaultValue): FlameTree {
  return {
    nodeParent: profile.nodeParent,
    nodeFrame: profile.nodeFrame,
    nodeThread: profile.nodeThread,
    nodeSelf: profile.nodeSelf[valueIndex],
  };
}

export function computeLayout(tree: FlameTree, request: LayoutRequest): Layout {
  const merged = mergeTree(tree, { thread: request.thread, hidden: request.hidden });
  const out = new RectBuilder(merged.count);
  const order: SiblingOrder = request.view === 'flame' ? 'name' : 'heavy';
  if (request.view === 'time' && request.timeline && request.timeline.length > 0) {
    const total = timeOrder(merged, tree.nodeSelf, request.timeline, out);
    return out.finish(total);
  }
  if (request.view === 'sandwich') {
    if (!request.sandwich) return out.finish(0);
    const { callees, callers, frame } = sandwichTrees(merged, request.sandwich);
    const total = callees.total[0];
    if (frame < 0 || !(total > 0)) return out.finish(0);
    // The function row is drawn once at depth 0; callees grow down from it, callers up.
    const root = out.add(frame, -1, 0, 0, total);
    flow(callees, out, { order, rank: request.rank, firstDepth: 1, rootRect: root });
    flow(callers, out, {
      order,
      rank: request.rank,
      direction: -1,
      firstDepth: -1,
      rootRect: root,
    });
    return out.finish(total);
  }
  flow(merged, out, { order, rank: request.rank });
  return out.finish(merged.total[0]);
}
