import type { Layout } from '../core/layout';

/** A rect by what survives a relayout or reload: its frame, depth and middle as a fraction. */
export interface RectIdentity {
  readonly frame: number;
  readonly depth: number;
  readonly at: number;
}

export function rectIdentity(layout: Layout, rect: number): RectIdentity {
  return {
    frame: layout.frame[rect],
    depth: layout.depth[rect],
    at: (layout.start[rect] + layout.end[rect]) / 2 / layout.total,
  };
}

/** The rect with that identity in `layout`, or -1. */
export function findRect(layout: Layout, id: RectIdentity): number {
  const x = id.at * layout.total;
  for (let i = 0; i < layout.count; i++) {
    if (
      layout.frame[i] === id.frame &&
      layout.depth[i] === id.depth &&
      layout.start[i] <= x &&
      x < layout.end[i]
    )
      return i;
  }
  return -1;
}

/** The widest rect of any of `frames` (where "reveal" zooms to), or -1. */
export function heaviestRect(layout: Layout, frames: ReadonlySet<number>): number {
  let best = -1;
  for (let i = 0; i < layout.count; i++) {
    if (!frames.has(layout.frame[i])) continue;
    if (best < 0 || layout.end[i] - layout.start[i] > layout.end[best] - layout.start[best])
      best = i;
  }
  return best;
}
