import type { MergedTree } from './merge';
import type { RectBuilder } from './rects';

/**
 * Time order (speedscope's "Time Order"): samples left to right as recorded, with consecutive
 * samples that share a stack prefix drawn as one rect. Each sample of a leaf gets an equal share
 * of that leaf's self weight, so widths and totals match the other views exactly.
 * `timeline` holds the leaf node of each sample in the original tree; `merged` maps those nodes
 * to paths (thread filter and "only my code" already applied).
 */
export function timeOrder(
  merged: MergedTree,
  nodeSelf: Float64Array,
  timeline: Int32Array,
  out: RectBuilder,
): number {
  const samplesOf = new Float64Array(nodeSelf.length);
  for (let i = 0; i < timeline.length; i++) samplesOf[timeline[i]]++;
  // Open rects by depth: the merged node they stand for and their rect index.
  const openNode: number[] = [];
  const openRect: number[] = [];
  const path: number[] = [];
  let x = 0;
  for (let i = 0; i < timeline.length; i++) {
    const leaf = timeline[i];
    const m = merged.mapped[leaf];
    if (m < 0 || samplesOf[leaf] === 0) continue;
    const w = nodeSelf[leaf] / samplesOf[leaf];
    if (!(w > 0)) continue;
    path.length = 0;
    for (let n = m; n > 0; n = merged.parent[n]) path.push(n);
    path.reverse();
    // A merged node is a whole path from the root, so equal ids at a depth mean equal prefixes.
    let keep = 0;
    while (keep < path.length && keep < openNode.length && openNode[keep] === path[keep]) keep++;
    for (let d = openNode.length - 1; d >= keep; d--) out.setEnd(openRect[d], x);
    openNode.length = keep;
    openRect.length = keep;
    for (let d = keep; d < path.length; d++) {
      const parent = d === 0 ? -1 : openRect[d - 1];
      openNode.push(path[d]);
      openRect.push(out.add(merged.frame[path[d]], parent, d, x, x));
    }
    x += w;
  }
  for (let d = openNode.length - 1; d >= 0; d--) out.setEnd(openRect[d], x);
  return x;
}
