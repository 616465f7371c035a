import type { Layout } from '../core/layout';
import type { FlameData, FromWebview } from '../protocol';
import { Breadcrumbs } from './breadcrumbs';
import { readPalette } from './colors';
import { Controls, type ControlValues } from './controls';
import { FlameModel } from './model';
import { findRect, heaviestRect } from './rect-lookup';
import { Renderer, type Scene } from './renderer';
import { runSearch, type SearchResult } from './search';
import { restoredOptions, snapshotOf, type PersistedState } from './state';
import { Tooltip } from './tooltip';
import {
  clampViewport,
  fullView,
  revealWindow,
  scrollToShow,
  zoomTo,
  type Viewport,
} from './viewport';

/** The flamegraph UI: owns the state, recomputes the layout when the view changes, draws. */
export class FlameView {
  readonly canvas = document.createElement('canvas');
  readonly tooltip = new Tooltip();
  readonly controls: Controls;
  readonly crumbs: Breadcrumbs;
  readonly renderer: Renderer;
  readonly empty = document.createElement('div');
  model: FlameModel | undefined;
  layout: Layout | undefined;
  viewport: Viewport = fullView();
  options: ControlValues = {
    view: 'flame',
    icicle: false,
    thread: -1,
    onlyMine: false,
    search: '',
    baseline: false,
  };
  sandwichFrame = -1;
  selected = -1;
  /** The user flipped flame/icicle: "show this function" keeps their choice from then on. */
  orientationChosen = false;
  /** The rect zoomed into (breadcrumb tail), or -1 for the whole graph. */
  focus = -1;
  highlighted: Uint8Array | undefined;
  search: SearchResult | undefined;
  /** The profile received with `init`, and while comparing the baseline's shape. */
  private shapes: { now: FlameData; baseline?: FlameData } | undefined;
  private frameRequested = false;
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  /** Called after every drawn frame with the number of rects drawn (tests and the benchmark). */
  onDraw: ((drawn: number) => void) | undefined;

  constructor(
    private readonly post: (m: FromWebview) => void,
    private readonly save: (s: PersistedState) => void,
  ) {
    this.canvas.className = 'flame';
    this.canvas.tabIndex = 0;
    this.canvas.setAttribute('role', 'img');
    this.canvas.setAttribute('aria-label', 'Flamegraph');
    this.empty.className = 'empty';
    this.empty.hidden = true;
    this.renderer = new Renderer(this.canvas);
    this.controls = new Controls((values) => this.applyControls(values));
    this.controls.reset.addEventListener('click', () => this.zoomToRect(-1));
    this.crumbs = new Breadcrumbs((rect) => this.zoomToRect(rect));
  }

  setData(data: FlameData, saved: PersistedState | undefined, baseline?: FlameData): void {
    this.shapes = { now: data, baseline };
    this.load(saved !== undefined && saved.profileName === data.name ? saved : undefined);
  }

  /** Lays out the shape `saved` asks for: the new profile's, or the baseline's while comparing. */
  private load(saved: PersistedState | undefined): void {
    if (!this.shapes) return;
    const { now, baseline } = this.shapes;
    const data = saved?.baseline && baseline ? baseline : now;
    const t0 = performance.now();
    this.model = new FlameModel(data);
    // User Timing entries (DevTools, bench/render-bench); only per profile, never per frame.
    performance.measure('hotspot-lens:model', { start: t0 });
    const comparing = baseline !== undefined;
    this.options = restoredOptions(saved, this.model, this.options.icicle, comparing);
    this.sandwichFrame = saved?.sandwichFrame ?? -1;
    if (saved?.orientationChosen) this.orientationChosen = true;
    this.controls.setOptions(
      data.threads,
      this.model.hasTimeline,
      this.model.anyInWorkspace,
      this.options,
      comparing,
    );
    this.highlighted = undefined;
    // Frame ids of the previous profile mean nothing in this one.
    this.layout = undefined;
    this.selected = -1;
    this.themeChanged();
    this.relayout();
    if (saved) {
      this.viewport = { x0: saved.x0, x1: saved.x1, scrollY: saved.scrollY };
      if (saved.selected && this.layout) this.selected = findRect(this.layout, saved.selected);
    }
    this.requestDraw();
  }

  /** A line of plain text over the (empty) graph: loading, or why nothing can be shown. */
  showMessage(text: string): void {
    this.empty.textContent = text;
    this.empty.hidden = false;
  }

  themeChanged(): void {
    if (this.model) this.renderer.setPalette(readPalette(), this.model);
    this.requestDraw();
  }

  private applyControls(values: ControlValues): void {
    if (values.icicle !== this.options.icicle) this.orientationChosen = true;
    if (values.baseline !== this.options.baseline) {
      // The other shape has other frame ids: start it unzoomed, nothing selected.
      const s = this.snapshot();
      if (s) this.load({ ...s, ...values, sandwichFrame: -1, ...fullView(), selected: undefined });
      return;
    }
    const relayout =
      values.view !== this.options.view ||
      values.thread !== this.options.thread ||
      values.onlyMine !== this.options.onlyMine;
    const research = values.search !== this.options.search;
    if (values.view === 'sandwich' && this.options.view !== 'sandwich') {
      const picked = this.layout && this.selected >= 0 ? this.layout.frame[this.selected] : -1;
      if (picked >= 0 || this.sandwichFrame < 0)
        this.sandwichFrame = picked >= 0 ? picked : (this.model?.hottestFrame() ?? -1);
    }
    this.options = values;
    if (relayout) this.relayout();
    else if (research) this.updateSearch();
    this.requestDraw();
  }

  relayout(): void {
    if (!this.model) return;
    const prevFrame = this.layout && this.selected >= 0 ? this.layout.frame[this.selected] : -1;
    const t0 = performance.now();
    this.layout = this.model.layout({ ...this.options, sandwichFrame: this.sandwichFrame });
    performance.measure('hotspot-lens:layout', { start: t0 });
    this.viewport = fullView();
    this.focus = -1;
    this.selected = prevFrame >= 0 ? this.heaviestRectOf(new Set([prevFrame])) : -1;
    this.empty.hidden = this.layout.count > 0;
    this.empty.textContent = this.options.onlyMine
      ? 'No frames of this view map into the workspace.'
      : 'Nothing to show: the profile has no samples for this view.';
    this.updateSearch();
    this.crumbs.update(this.model, this.layout, this.focus);
  }

  private updateSearch(): void {
    const { model, layout } = this;
    const s = model && layout ? runSearch(model, layout, this.options.search) : undefined;
    this.search = s?.result;
    this.controls.searchInfo.textContent = s?.info ?? '';
  }

  heaviestRectOf(frames: Set<number>): number {
    return this.layout ? heaviestRect(this.layout, frames) : -1;
  }

  select(rect: number, notify = true): void {
    this.selected = rect;
    // The baseline's frame ids mean nothing to the extension (protocol.ts `init.baseline`).
    if (notify && rect >= 0 && this.layout && !this.options.baseline) {
      this.post({ type: 'select', frameId: this.layout.frame[rect] });
    }
    this.requestDraw();
  }

  zoomToRect(rect: number): void {
    const l = this.layout;
    if (!l || !this.model) return;
    this.focus = rect;
    if (rect < 0) this.viewport = { ...fullView(), scrollY: this.viewport.scrollY };
    else zoomTo(this.viewport, l.start[rect], l.end[rect], l.total);
    this.crumbs.update(this.model, l, rect);
    this.requestDraw();
  }

  /**
   * "Show this function" (a CPU lens, the Hotspots tree): selects the heaviest rect of
   * `frameIds`, marks every rect of the function, and opens a window where it takes about 40% of
   * the width with its callers in the breadcrumb and on screen. Unless the user picked an
   * orientation, the graph is drawn as an icicle (root at the top), so the stack starts under
   * the toolbar instead of leaving the panel above it empty. The sandwich switches function.
   */
  reveal(frameIds: readonly number[]): void {
    // The ids are the new profile's: show its shape first.
    if (this.options.baseline) this.applyControls({ ...this.options, baseline: false });
    if (!this.orientationChosen && !this.options.icicle) {
      this.options = { ...this.options, icicle: true };
      this.controls.set(this.options);
    }
    if (this.options.view === 'sandwich' && frameIds.length > 0) {
      this.sandwichFrame = frameIds[0];
      this.relayout();
    }
    const l = this.layout;
    const rect = this.heaviestRectOf(new Set(frameIds));
    if (!l || !this.model || rect < 0) return;
    this.highlight(frameIds);
    this.select(rect, false);
    this.focus = rect;
    const { x0, x1 } = revealWindow(l.start[rect], l.end[rect], l.total);
    this.viewport = { x0, x1, scrollY: 0 };
    const scene = this.scene();
    if (scene) {
      const y = this.renderer.rowY(scene, l.depth[rect]);
      const icicle = this.renderer.drawsIcicle(scene);
      this.viewport.scrollY = scrollToShow(y, 0, this.renderer.height, icicle);
    }
    this.crumbs.update(this.model, l, rect);
    this.requestDraw();
  }

  highlight(frameIds: readonly number[]): void {
    if (!this.model || this.options.baseline) return;
    const mask = new Uint8Array(this.model.frameCount);
    for (const f of frameIds) if (f >= 0 && f < mask.length) mask[f] = 1;
    this.highlighted = frameIds.length > 0 ? mask : undefined;
    this.requestDraw();
  }

  openSource(rect: number): void {
    if (this.layout && rect >= 0 && !this.options.baseline)
      this.post({ type: 'openSource', frameId: this.layout.frame[rect] });
  }

  scene(): Scene | undefined {
    const { layout, model } = this;
    if (!layout || !model) return undefined;
    return {
      layout,
      model,
      viewport: this.viewport,
      icicle: this.options.icicle,
      selected: this.selected,
      highlighted: this.highlighted,
      matches: this.search?.matches,
    };
  }

  requestDraw(): void {
    if (this.frameRequested) return;
    this.frameRequested = true;
    requestAnimationFrame(() => {
      this.frameRequested = false;
      this.drawNow();
    });
  }

  drawNow(): void {
    const scene = this.scene();
    if (!scene) return;
    clampViewport(this.viewport, this.renderer.contentHeight(scene.layout), this.renderer.height);
    const drawn = this.renderer.draw(scene);
    // setState crosses to the extension host: save once the view settles, not every frame.
    if (this.saveTimer === undefined)
      this.saveTimer = setTimeout(() => {
        this.saveTimer = undefined;
        const s = this.snapshot();
        if (s) this.save(s);
      }, 250);
    this.onDraw?.(drawn);
  }

  /** What setState keeps; keyed by the new profile's name even while the baseline is shown. */
  private snapshot(): PersistedState | undefined {
    const { layout, shapes } = this;
    return layout && shapes ? snapshotOf(shapes.now.name, this, layout) : undefined;
  }
}
