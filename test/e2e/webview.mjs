/* global document, PointerEvent */
// Looking into the flamegraph webview (iframe.webview > #active-frame) the way a person looks at
// it: is the canvas painted, and which frame is under the pointer at a given spot (the tooltip).
import { findFrame } from './harness.mjs';

/** The flamegraph webview frame whose canvas has been drawn (optionally also passing `probe`). */
export async function flamegraphFrame(page, timeout, probe) {
  const found = await findFrame(
    page,
    async (f) => {
      if ((await f.locator('canvas').count()) === 0) return undefined;
      if ((await f.locator('vscode-textfield.search').count()) === 0) return undefined;
      const s = await canvasStats(f);
      if (s.painted < 1) return undefined;
      return probe ? probe(f) : true;
    },
    timeout,
  );
  return found?.frame;
}

/** Size, number of distinct colours and share of non-background pixels of the first canvas. */
export async function canvasStats(frame) {
  return frame.evaluate(() => {
    const c = document.querySelector('canvas');
    const ctx = c?.getContext('2d');
    if (!c || !ctx || c.width === 0 || c.height === 0)
      return { width: 0, height: 0, colours: 0, painted: 0 };
    const d = ctx.getImageData(0, 0, c.width, c.height).data;
    const colours = new Set();
    let painted = 0;
    const bg = `${d[0]},${d[1]},${d[2]},${d[3]}`;
    for (let i = 0; i < d.length; i += 16) {
      const k = `${d[i]},${d[i + 1]},${d[i + 2]},${d[i + 3]}`;
      colours.add(k);
      if (k !== bg) painted++;
    }
    return {
      width: c.width,
      height: c.height,
      colours: colours.size,
      painted: Math.round((painted / (d.length / 16)) * 100),
    };
  });
}

/**
 * Moves a synthetic pointer over the canvas row by row until the tooltip names a frame matching
 * `name` (string: exact, RegExp: test). Returns the spot relative to the canvas and the tooltip.
 */
export async function findFrameAt(frame, name) {
  const pattern = name instanceof RegExp ? { source: name.source } : { exact: name };
  return frame.evaluate((want) => {
    const c = document.querySelector('canvas');
    const tip = document.querySelector('.tooltip');
    if (!c || !tip) return undefined;
    const r = c.getBoundingClientRect();
    const re = want.source ? new RegExp(want.source) : undefined;
    const move = (x, y) =>
      c.dispatchEvent(
        new PointerEvent('pointermove', { clientX: x, clientY: y, bubbles: true, pointerId: 7 }),
      );
    try {
      for (let y = r.top + 3; y < r.bottom; y += 5) {
        for (let x = r.left + 2; x < r.right; x += 10) {
          move(x, y);
          if (tip.hidden) continue;
          const n = tip.querySelector('.name')?.textContent ?? '';
          if (re ? re.test(n) : n === want.exact) {
            const location = tip.querySelector('.location')?.textContent ?? '';
            return { x: Math.round(x - r.left), y: Math.round(y - r.top), name: n, location };
          }
        }
      }
      return undefined;
    } finally {
      c.dispatchEvent(new PointerEvent('pointerleave', { bubbles: true }));
    }
  }, pattern);
}
