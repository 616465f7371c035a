/**
 * The flamegraph as rectangles in preorder (every rect is followed by its subtree), stored as
 * flat typed arrays so a renderer can walk hundreds of thousands of them per frame without
 * allocating. `skip[i]` is the index just past rect i's subtree: a renderer that finds a rect
 * off screen or narrower than a pixel jumps there, so it only visits what it draws.
 * Positions are in weight units (the value type's unit); depth 0 is the outermost frame.
 */
export interface Layout {
  readonly count: number;
  readonly frame: Int32Array;
  /** Rect index of the caller, or -1 for outermost rects. */
  readonly parent: Int32Array;
  readonly depth: Int32Array;
  readonly start: Float64Array;
  readonly end: Float64Array;
  readonly skip: Int32Array;
  /** Total width of the graph (the weight of everything shown). */
  readonly total: number;
  /** Lowest and highest depth used (negative only in the sandwich view: the callers). */
  readonly minDepth: number;
  readonly maxDepth: number;
}

/** Collects rects in preorder; `finish()` trims the arrays and computes the skip pointers. */
export class RectBuilder {
  count = 0;
  private frame: Int32Array;
  private parent: Int32Array;
  private depth: Int32Array;
  private start: Float64Array;
  private end: Float64Array;

  /** `capacity`: expected rect count (the tree's node count), so big layouts never regrow. */
  constructor(capacity = 1024) {
    const n = Math.max(16, capacity);
    this.frame = new Int32Array(n);
    this.parent = new Int32Array(n);
    this.depth = new Int32Array(n);
    this.start = new Float64Array(n);
    this.end = new Float64Array(n);
  }

  add(frame: number, parent: number, depth: number, start: number, end: number): number {
    const i = this.count++;
    if (i >= this.frame.length) this.grow();
    this.frame[i] = frame;
    this.parent[i] = parent;
    this.depth[i] = depth;
    this.start[i] = start;
    this.end[i] = end;
    return i;
  }

  setEnd(rect: number, end: number): void {
    this.end[rect] = end;
  }

  private grow(): void {
    const n = this.frame.length * 2;
    const int = (a: Int32Array) => {
      const b = new Int32Array(n);
      b.set(a);
      return b;
    };
    const dbl = (a: Float64Array) => {
      const b = new Float64Array(n);
      b.set(a);
      return b;
    };
    this.frame = int(this.frame);
    this.parent = int(this.parent);
    this.depth = int(this.depth);
    this.start = dbl(this.start);
    this.end = dbl(this.end);
  }

  /** Views, not copies, of the filled part: copying 500k-rect arrays showed in first paint. */
  finish(total: number): Layout {
    const n = this.count;
    const parent = this.parent.subarray(0, n);
    const depth = this.depth.subarray(0, n);
    // In preorder a subtree is contiguous, so its end is the largest end of its members.
    const skip = new Int32Array(n);
    for (let i = n - 1; i >= 0; i--) {
      if (skip[i] < i + 1) skip[i] = i + 1;
      const p = parent[i];
      if (p >= 0 && skip[p] < skip[i]) skip[p] = skip[i];
    }
    let minDepth = 0;
    let maxDepth = -1;
    for (let i = 0; i < n; i++) {
      if (depth[i] < minDepth) minDepth = depth[i];
      if (depth[i] > maxDepth) maxDepth = depth[i];
    }
    return {
      count: n,
      frame: this.frame.subarray(0, n),
      parent,
      depth,
      start: this.start.subarray(0, n),
      end: this.end.subarray(0, n),
      skip,
      total,
      minDepth,
      maxDepth: Math.max(maxDepth, 0),
    };
  }
}

/** Self weight of rect i: its width minus its callees' widths (callers in a sandwich excluded). */
export function selfWidth(layout: Layout, i: number): number {
  let self = layout.end[i] - layout.start[i];
  for (let c = i + 1; c < layout.skip[i]; c = layout.skip[c]) {
    if (layout.parent[c] === i && layout.depth[c] > layout.depth[i])
      self -= layout.end[c] - layout.start[c];
  }
  return self;
}
