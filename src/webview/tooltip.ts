import { selfWidth, type Layout } from '../core/layout';
import type { FlameModel } from './model';

export function formatWeight(w: number, unit: string): string {
  const abs = Math.abs(w);
  if (unit === 'nanoseconds') {
    if (abs >= 1e9) return `${(w / 1e9).toFixed(2)} s`;
    if (abs >= 1e6) return `${(w / 1e6).toFixed(1)} ms`;
    if (abs >= 1e3) return `${(w / 1e3).toFixed(1)} µs`;
    return `${w} ns`;
  }
  if (unit === 'bytes') {
    if (abs >= 2 ** 30) return `${(w / 2 ** 30).toFixed(2)} GiB`;
    if (abs >= 2 ** 20) return `${(w / 2 ** 20).toFixed(1)} MiB`;
    if (abs >= 2 ** 10) return `${(w / 2 ** 10).toFixed(1)} KiB`;
    return `${w} B`;
  }
  const n = Number.isInteger(w) ? w.toLocaleString('en-US') : w.toPrecision(4);
  return unit === 'count' || unit === '' ? `${n} samples` : `${n} ${unit}`;
}

export function percent(part: number, whole: number): string {
  if (!(whole > 0)) return '–';
  if (part === 0) return '0%';
  return `${((100 * part) / whole).toFixed(Math.abs(part / whole) < 0.001 ? 3 : 1)}%`;
}

/** `function self 57.5% in base.raw.txt → 7.0% now (−50.5 pts)`. */
function diffText(base: number, delta: number, baseline: string | undefined): string {
  const sign = Math.abs(delta) < 0.05 ? '±' : delta > 0 ? '+' : '−';
  const now = Math.max(0, base + delta);
  return (
    `function self ${base.toFixed(1)}% in ${baseline ?? 'the baseline'} → ${now.toFixed(1)}% ` +
    `now (${sign}${Math.abs(delta).toFixed(1)} pts)`
  );
}

/**
 * The hover card. Profile strings are assigned with textContent only: a frame called
 * `<img src=x onerror=…>` shows as that text and never becomes an element.
 */
export class Tooltip {
  readonly root = document.createElement('div');

  constructor() {
    this.root.className = 'tooltip';
    this.root.setAttribute('role', 'tooltip');
    this.root.hidden = true;
  }

  show(model: FlameModel, layout: Layout, rect: number, x: number, y: number): void {
    const f = layout.frame[rect];
    const width = layout.end[rect] - layout.start[rect];
    const self = selfWidth(layout, rect);
    const line = (cls: string, text: string) => {
      const div = document.createElement('div');
      div.className = cls;
      div.textContent = text;
      return div;
    };
    const rows = [
      line('name', model.names[f]),
      line('location', model.location(f) ?? 'no source location'),
      line('weight', `total ${formatWeight(width, model.unit)} (${percent(width, layout.total)})`),
      line('weight', `self ${formatWeight(self, model.unit)} (${percent(self, layout.total)})`),
    ];
    const { frameDelta: delta, frameBaseShare: base, diffBaseline } = model.data;
    // Differential flamegraph: the function's self share in the baseline and now (compare/).
    if (delta && base) rows.push(line('weight', diffText(base[f], delta[f], diffBaseline)));
    if (model.data.frameInWorkspace[f] !== 1 && model.files[f] !== undefined)
      rows.push(line('hint', 'not in the workspace'));
    if (model.files[f] !== undefined) rows.push(line('hint', 'Ctrl/Cmd+click to open the source'));
    this.root.replaceChildren(...rows);
    // Measure at the origin: an absolutely placed box near the right edge would shrink to fit.
    this.root.style.left = '0px';
    this.root.style.top = '0px';
    this.root.hidden = false;
    const parent = this.root.parentElement;
    const maxX = (parent?.clientWidth ?? window.innerWidth) - this.root.offsetWidth - 4;
    const maxY = (parent?.clientHeight ?? window.innerHeight) - this.root.offsetHeight - 4;
    this.root.style.left = `${Math.max(0, Math.min(x + 12, maxX))}px`;
    this.root.style.top = `${Math.max(0, Math.min(y + 14, maxY))}px`;
  }

  hide(): void {
    this.root.hidden = true;
  }
}
