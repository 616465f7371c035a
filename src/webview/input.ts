import type { FlameView } from './flamegraph';
import { rowsOf } from './model';
import { panBy, zoomAt } from './viewport';

/** Pixels a pointer may move between down and up and still count as a click. */
const CLICK_SLOP = 4;

/**
 * Mouse, touchpad and keyboard: wheel and pinch (which browsers report as ctrl+wheel) zoom
 * around the pointer, drag pans, click zooms into a frame, Ctrl/Cmd+click opens its source.
 * Keys: arrows move the selection, Enter zooms to it, Ctrl/Cmd+Enter opens it, Esc zooms out,
 * `/` focuses the search box.
 */
export function attachInput(view: FlameView): void {
  const canvas = view.canvas;
  let drag: { x: number; y: number; moved: boolean; id: number } | undefined;
  let rows: Map<number, number[]> | undefined;
  let rowsFor: unknown;

  const local = (e: MouseEvent) => {
    const r = canvas.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  };
  const hit = (e: MouseEvent) => {
    const scene = view.scene();
    if (!scene) return -1;
    const p = local(e);
    return view.renderer.rectAt(scene, p.x, p.y);
  };
  const flameUp = () => !(view.options.icicle || (view.layout?.minDepth ?? 0) < 0);

  canvas.addEventListener(
    'wheel',
    (e) => {
      e.preventDefault();
      const p = local(e);
      if (e.shiftKey) {
        panBy(view.viewport, 0, (flameUp() ? 1 : -1) * e.deltaY, view.renderer.width);
      } else if (Math.abs(e.deltaX) > Math.abs(e.deltaY)) {
        panBy(view.viewport, -e.deltaX, 0, view.renderer.width);
      } else {
        // Pinch gestures arrive as ctrl+wheel with small deltas: scale them up.
        const delta = e.ctrlKey ? e.deltaY * 8 : e.deltaY;
        zoomAt(view.viewport, p.x, view.renderer.width, Math.exp(-delta / 300));
      }
      view.tooltip.hide();
      view.requestDraw();
    },
    { passive: false },
  );

  canvas.addEventListener('pointerdown', (e) => {
    if (e.button !== 0) return;
    const p = local(e);
    drag = { x: p.x, y: p.y, moved: false, id: e.pointerId };
    canvas.setPointerCapture(e.pointerId);
  });
  canvas.addEventListener('pointermove', (e) => {
    const p = local(e);
    if (drag && drag.id === e.pointerId) {
      const dx = p.x - drag.x;
      const dy = p.y - drag.y;
      if (drag.moved || Math.hypot(dx, dy) > CLICK_SLOP) {
        drag.moved = true;
        panBy(view.viewport, dx, (flameUp() ? -1 : 1) * dy, view.renderer.width);
        drag.x = p.x;
        drag.y = p.y;
        view.tooltip.hide();
        view.requestDraw();
        return;
      }
    }
    const rect = hit(e);
    if (rect >= 0 && view.model && view.layout) {
      view.tooltip.show(view.model, view.layout, rect, p.x, p.y);
    } else {
      view.tooltip.hide();
    }
  });
  canvas.addEventListener('pointerleave', () => view.tooltip.hide());
  canvas.addEventListener('pointerup', (e) => {
    const wasDrag = drag?.moved === true;
    drag = undefined;
    if (wasDrag || e.button !== 0) return;
    const rect = hit(e);
    if (rect < 0) return;
    view.select(rect);
    if (e.ctrlKey || e.metaKey) view.openSource(rect);
    else view.zoomToRect(rect);
  });

  canvas.addEventListener('keydown', (e) => {
    const layout = view.layout;
    if (!layout) return;
    if (rowsFor !== layout) {
      rows = undefined;
      rowsFor = layout;
    }
    const sel = view.selected;
    let next = -1;
    const up = flameUp() ? 1 : -1;
    switch (e.key) {
      case 'ArrowUp':
      case 'ArrowDown': {
        const towardsCallees = (e.key === 'ArrowUp') === (up === 1);
        if (sel < 0) next = 0 < layout.count ? 0 : -1;
        else if (towardsCallees) next = childOf(layout, sel);
        else next = layout.parent[sel];
        break;
      }
      case 'ArrowLeft':
      case 'ArrowRight': {
        if (sel < 0) break;
        rows ??= rowsOf(layout);
        const row = rows.get(layout.depth[sel]) ?? [];
        const k = row.indexOf(sel) + (e.key === 'ArrowLeft' ? -1 : 1);
        next = k >= 0 && k < row.length ? row[k] : -1;
        break;
      }
      case 'Enter':
        if (sel >= 0 && (e.ctrlKey || e.metaKey)) view.openSource(sel);
        else if (sel >= 0) view.zoomToRect(sel);
        e.preventDefault();
        return;
      case 'Escape':
        view.zoomToRect(view.focus >= 0 ? layout.parent[view.focus] : -1);
        e.preventDefault();
        return;
      case '/':
        view.controls.focusSearch();
        e.preventDefault();
        return;
      default:
        return;
    }
    e.preventDefault();
    if (next >= 0) {
      view.select(next);
      const v = view.viewport;
      const s = layout.start[next] / layout.total;
      const en = layout.end[next] / layout.total;
      if (s < v.x0 || en > v.x1) view.zoomToRect(next);
    }
  });
}

/** The heaviest direct callee of a rect (callers in a sandwich are not callees). */
function childOf(layout: NonNullable<FlameView['layout']>, rect: number): number {
  let best = -1;
  for (let c = rect + 1; c < layout.skip[rect]; c = layout.skip[c]) {
    if (layout.parent[c] !== rect || layout.depth[c] <= layout.depth[rect]) continue;
    if (best < 0 || layout.end[c] - layout.start[c] > layout.end[best] - layout.start[best])
      best = c;
  }
  return best;
}
