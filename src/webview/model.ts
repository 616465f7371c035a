import { computeLayout, frameRanks, type Layout, type LayoutView } from '../core/layout';
import type { FlameData } from '../protocol';

/** What the user chose to look at; persisted with setState (see state.ts). */
export interface ViewOptions {
  readonly view: LayoutView;
  /** -1 for all threads merged. */
  readonly thread: number;
  readonly onlyMine: boolean;
  /** Frame whose function the sandwich view is about. */
  readonly sandwichFrame: number;
}

/**
 * The received profile plus everything derived from it once: display strings, name ranks for
 * the deterministic sibling order, function groups for the sandwich view, and per-depth rect
 * lists for keyboard navigation. Strings stay strings: they are only ever drawn with fillText or
 * assigned to textContent.
 */
export class FlameModel {
  readonly names: string[];
  readonly files: (string | undefined)[];
  readonly rank: Int32Array;
  readonly nodeSelf: Float64Array;
  readonly hidden: Uint8Array;
  /** Per frame, a function id shared by frames with the same name and file. */
  readonly functionOf: Int32Array;
  readonly unit: string;

  constructor(readonly data: FlameData) {
    const s = data.strings;
    this.names = Array.from(data.frameName, (i) => s[i] ?? '');
    this.files = Array.from(data.frameFile, (i) => (i >= 0 ? s[i] : undefined));
    this.rank = frameRanks(this.names);
    this.nodeSelf = data.nodeSelf[data.valueIndex] ?? new Float64Array(data.nodeParent.length);
    this.hidden = data.frameInWorkspace.map((v) => (v === 1 ? 0 : 1));
    const fnIds = new Map<string, number>();
    this.functionOf = new Int32Array(this.names.length);
    this.names.forEach((name, id) => {
      const key = `${name}\u0000${this.files[id] ?? ''}`;
      let fn = fnIds.get(key);
      if (fn === undefined) fnIds.set(key, (fn = fnIds.size));
      this.functionOf[id] = fn;
    });
    this.unit = data.valueTypes[data.valueIndex]?.unit ?? '';
  }

  get frameCount(): number {
    return this.names.length;
  }

  get hasTimeline(): boolean {
    return (this.data.timeline?.length ?? 0) > 0;
  }

  get anyInWorkspace(): boolean {
    return this.data.frameInWorkspace.some((v) => v === 1);
  }

  location(frame: number): string | undefined {
    const file = this.files[frame];
    if (file === undefined) return undefined;
    const line = this.data.frameLine[frame];
    return line > 0 ? `${file}:${line}` : file;
  }

  /** Frames of the same function as `frame` (name + file), as a per-frame mask. */
  functionMask(frame: number): Uint8Array {
    const mask = new Uint8Array(this.frameCount);
    if (frame < 0 || frame >= this.frameCount) return mask;
    const fn = this.functionOf[frame];
    for (let f = 0; f < mask.length; f++) if (this.functionOf[f] === fn) mask[f] = 1;
    return mask;
  }

  /** The frame with the most self weight: the sandwich's function when nothing is selected. */
  hottestFrame(): number {
    const self = new Float64Array(this.frameCount);
    const { nodeFrame } = this.data;
    for (let n = 1; n < nodeFrame.length; n++) self[nodeFrame[n]] += this.nodeSelf[n];
    let best = -1;
    for (let f = 0; f < self.length; f++) if (best < 0 || self[f] > self[best]) best = f;
    return best;
  }

  layout(options: ViewOptions): Layout {
    const view = options.view === 'time' && !this.hasTimeline ? 'flame' : options.view;
    return computeLayout(
      {
        nodeParent: this.data.nodeParent,
        nodeFrame: this.data.nodeFrame,
        nodeThread: this.data.nodeThread,
        nodeSelf: this.nodeSelf,
      },
      {
        view,
        rank: this.rank,
        thread: options.thread >= 0 ? options.thread : undefined,
        hidden: options.onlyMine ? this.hidden : undefined,
        timeline: this.data.timeline,
        sandwich: view === 'sandwich' ? this.functionMask(options.sandwichFrame) : undefined,
      },
    );
  }
}

/** Rect indices per depth, left to right (preorder visits each row in start order). */
export function rowsOf(layout: Layout): Map<number, number[]> {
  const rows = new Map<number, number[]>();
  for (let i = 0; i < layout.count; i++) {
    const d = layout.depth[i];
    let row = rows.get(d);
    if (!row) rows.set(d, (row = []));
    row.push(i);
  }
  return rows;
}
