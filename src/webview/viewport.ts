/**
 * The visible window of the flamegraph: a horizontal range as fractions of the total width
 * (so it survives relayouts and reloads) and a vertical scroll offset in CSS pixels.
 */
export interface Viewport {
  x0: number;
  x1: number;
  scrollY: number;
}

/** Narrowest window: past this, doubles stop telling neighbouring rects apart. */
const MIN_SPAN = 1e-9;

export const ROW_HEIGHT = 18;

export function fullView(): Viewport {
  return { x0: 0, x1: 1, scrollY: 0 };
}

export function clampViewport(v: Viewport, contentHeight: number, viewHeight: number): void {
  let span = Math.min(1, Math.max(MIN_SPAN, v.x1 - v.x0));
  if (!Number.isFinite(span)) span = 1;
  let x0 = Number.isFinite(v.x0) ? v.x0 : 0;
  x0 = Math.min(Math.max(0, x0), 1 - span);
  v.x0 = x0;
  v.x1 = x0 + span;
  const maxScroll = Math.max(0, contentHeight - viewHeight);
  v.scrollY = Math.min(Math.max(0, Number.isFinite(v.scrollY) ? v.scrollY : 0), maxScroll);
}

/** Zooms by `factor` (>1 zooms in) keeping the point under `px` (of `width`) fixed. */
export function zoomAt(v: Viewport, px: number, width: number, factor: number): void {
  const f = Math.min(Math.max(px / Math.max(1, width), 0), 1);
  const anchor = v.x0 + f * (v.x1 - v.x0);
  const span = Math.min(1, Math.max(MIN_SPAN, (v.x1 - v.x0) / factor));
  v.x0 = anchor - f * span;
  v.x1 = v.x0 + span;
}

export function panBy(v: Viewport, dxPx: number, dyPx: number, width: number): void {
  const dx = (dxPx / Math.max(1, width)) * (v.x1 - v.x0);
  v.x0 -= dx;
  v.x1 -= dx;
  v.scrollY -= dyPx;
}

/** Shows exactly [start, end) of a graph `total` wide. */
export function zoomTo(v: Viewport, start: number, end: number, total: number): void {
  if (!(total > 0) || !(end > start)) return;
  v.x0 = start / total;
  v.x1 = end / total;
}

/** Pixel position of a weight offset inside the current window. */
export function toPx(v: Viewport, x: number, total: number, width: number): number {
  return ((x / total - v.x0) / (v.x1 - v.x0)) * width;
}

/** The share of the width a revealed frame takes (see revealWindow). */
export const REVEAL_SHARE = 0.4;

/**
 * The window a "show this function" opens on: the whole graph when the frame is already wide,
 * otherwise the frame at about 40% of the width, centred, with its neighbours beside it. Its
 * callers are wider than it, so they stay visible as the bars it grows from.
 */
export function revealWindow(
  start: number,
  end: number,
  total: number,
): { x0: number; x1: number } {
  if (!(total > 0) || !(end > start)) return { x0: 0, x1: 1 };
  const width = (end - start) / total;
  if (width >= REVEAL_SHARE) return { x0: 0, x1: 1 };
  const span = Math.min(1, Math.max(MIN_SPAN, width / REVEAL_SHARE));
  const mid = (start + end) / 2 / total;
  const x0 = Math.min(Math.max(0, mid - span / 2), 1 - span);
  return { x0, x1: x0 + span };
}

/** The scroll offset that puts a row whose top is at `y` (scrolled by `scrollY`) on screen. */
export function scrollToShow(
  y: number,
  scrollY: number,
  viewHeight: number,
  icicle: boolean,
): number {
  if (y >= ROW_HEIGHT && y + 2 * ROW_HEIGHT <= viewHeight) return scrollY;
  // Aim a third of the way down the panel, so callers (icicle: above) or callees show too.
  const want = viewHeight / 3;
  return icicle ? scrollY + (y - want) : scrollY - (y - want);
}
