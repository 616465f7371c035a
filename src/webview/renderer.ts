// Canvas 2D rather than WebGL: every visible rect needs a text label, and 2D canvas draws clipped
// text natively, while WebGL would need a glyph atlas. 2D is fast enough because a frame only
// visits what it draws: rects are in preorder with skip pointers, so an off-screen or sub-pixel
// rect skips its whole subtree, and a full-screen view draws a few thousand rects at most.
import type { Layout } from '../core/layout';
import { colourKey, diffFill, frameFill, type Palette } from './colors';
import type { FlameModel } from './model';
import { ROW_HEIGHT, toPx, type Viewport } from './viewport';

export interface Scene {
  readonly layout: Layout;
  readonly model: FlameModel;
  readonly viewport: Viewport;
  /** Root at the top (icicle) rather than the bottom (flame); the sandwich is always icicle. */
  readonly icicle: boolean;
  readonly selected: number;
  readonly highlighted: Uint8Array | undefined;
  readonly matches: Uint8Array | undefined;
}

/** Rects narrower than this (CSS px) are not drawn, and neither are their callees. */
const MIN_WIDTH = 0.4;
const TEXT_MIN_WIDTH = 22;

export class Renderer {
  private readonly ctx: CanvasRenderingContext2D;
  private fills: string[] = [];
  private textWidth = new Float32Array(0);
  private palette: Palette | undefined;
  width = 0;
  height = 0;

  constructor(private readonly canvas: HTMLCanvasElement) {
    const ctx = canvas.getContext('2d', { alpha: false });
    if (!ctx) throw new Error('canvas 2D is not available');
    this.ctx = ctx;
  }

  /** Matches the backing store to the CSS size times devicePixelRatio, for crisp text. */
  resize(): void {
    const dpr = window.devicePixelRatio || 1;
    this.width = this.canvas.clientWidth;
    this.height = this.canvas.clientHeight;
    this.canvas.width = Math.max(1, Math.round(this.width * dpr));
    this.canvas.height = Math.max(1, Math.round(this.height * dpr));
    this.ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  }

  setPalette(palette: Palette, model: FlameModel): void {
    this.palette = palette;
    const inWs = model.data.frameInWorkspace;
    // While comparing with a baseline, the colour says how much a function changed instead.
    const delta = model.data.frameDelta;
    this.fills = model.names.map((name, f) =>
      delta
        ? diffFill(palette, delta[f])
        : frameFill(palette, colourKey(name, model.files[f]), inWs[f] === 1),
    );
    this.textWidth = new Float32Array(model.frameCount).fill(NaN);
  }

  /** Root at the top: asked for, or forced by a layout with negative depths (the sandwich). */
  drawsIcicle(scene: Scene): boolean {
    return scene.icicle || scene.layout.minDepth < 0;
  }

  rowY(scene: Scene, depth: number): number {
    const row = depth - scene.layout.minDepth;
    return this.drawsIcicle(scene)
      ? row * ROW_HEIGHT - scene.viewport.scrollY
      : this.height - (row + 1) * ROW_HEIGHT + scene.viewport.scrollY;
  }

  contentHeight(layout: Layout): number {
    return (layout.maxDepth - layout.minDepth + 1) * ROW_HEIGHT;
  }

  /** Draws the scene and returns how many rects it drew. */
  draw(scene: Scene): number {
    const { ctx, width, height } = this;
    const p = this.palette;
    if (!p) return 0;
    const { layout, model, viewport, matches, highlighted } = scene;
    ctx.fillStyle = p.background;
    ctx.fillRect(0, 0, width, height);
    ctx.font = p.font;
    ctx.textBaseline = 'middle';
    let drawn = 0;
    const total = layout.total;
    for (let i = 0; i < layout.count;) {
      const x0 = toPx(viewport, layout.start[i], total, width);
      const x1 = toPx(viewport, layout.end[i], total, width);
      if (x1 < 0 || x0 > width || x1 - x0 < MIN_WIDTH) {
        i = layout.skip[i];
        continue;
      }
      const y = this.rowY(scene, layout.depth[i]);
      if (y > -ROW_HEIGHT && y < height) {
        const f = layout.frame[i];
        const left = Math.max(x0, -1);
        const w = Math.min(x1, width + 1) - left;
        const dim = matches !== undefined && matches[f] !== 1;
        ctx.globalAlpha = dim ? 0.35 : 1;
        ctx.fillStyle = this.fills[f];
        ctx.fillRect(left, y, Math.max(w - 1, MIN_WIDTH), ROW_HEIGHT - 1);
        if (p.border && w > 3) this.outline(p.border, left, y, w, 1);
        if (w > TEXT_MIN_WIDTH) this.label(model.names[f], f, left, y, w, p.textOnFill);
        ctx.globalAlpha = 1;
        if (matches !== undefined && !dim) this.outline(p.match, left, y, w, 1);
        if (highlighted !== undefined && highlighted[f] === 1)
          this.outline(p.highlight, left, y, w, 2);
        if (i === scene.selected) this.outline(p.selection, left, y, w, 2);
        drawn++;
      }
      i++;
    }
    return drawn;
  }

  private outline(colour: string, x: number, y: number, w: number, lw: number): void {
    const { ctx } = this;
    ctx.strokeStyle = colour;
    ctx.lineWidth = lw;
    ctx.strokeRect(x + lw / 2, y + lw / 2, Math.max(0, w - 1 - lw), ROW_HEIGHT - 1 - lw);
  }

  /** Draws a name clipped to the rect, ending in an ellipsis when it does not fit. */
  private label(name: string, f: number, x: number, y: number, w: number, colour: string): void {
    const { ctx } = this;
    const avail = w - 8;
    let full = this.textWidth[f];
    if (Number.isNaN(full)) full = this.textWidth[f] = ctx.measureText(name).width;
    let text = name;
    if (full > avail) {
      const n = Math.floor((name.length * avail) / full) - 1;
      if (n < 2) return;
      text = name.slice(0, n) + '…';
    }
    ctx.fillStyle = colour;
    ctx.fillText(text, Math.max(x, 0) + 4, y + ROW_HEIGHT / 2, avail);
  }

  /** The rect under a point, or -1. Walks only subtrees that contain the point's x. */
  rectAt(scene: Scene, px: number, py: number): number {
    const { layout, viewport } = scene;
    for (let i = 0; i < layout.count;) {
      const x0 = toPx(viewport, layout.start[i], layout.total, this.width);
      const x1 = toPx(viewport, layout.end[i], layout.total, this.width);
      if (px < x0 || px >= x1) {
        i = layout.skip[i];
        continue;
      }
      const y = this.rowY(scene, layout.depth[i]);
      if (py >= y && py < y + ROW_HEIGHT) return i;
      i++;
    }
    return -1;
  }
}
