import type { Frame, Profile, ProfileFormat, ProfileMeta, ThreadInfo, ValueType } from './model';

/** A growable Int32Array/Float64Array pair of helpers; typed arrays keep memory per node small. */
function growInt32(a: Int32Array<ArrayBuffer>, min: number): Int32Array<ArrayBuffer> {
  if (a.length >= min) return a;
  const b = new Int32Array(Math.max(min, a.length * 2));
  b.set(a);
  return b;
}
function growFloat64(a: Float64Array<ArrayBuffer>, min: number): Float64Array<ArrayBuffer> {
  if (a.length >= min) return a;
  const b = new Float64Array(Math.max(min, a.length * 2));
  b.set(a);
  return b;
}

// Child lookup key: parent node and frame packed into one double (exact up to 2^53), which is
// much faster than string keys. 2^24 frames and 2^29 nodes are far beyond any real profile.
const FRAME_SPACE = 2 ** 24;
const THREAD_SPACE = 2 ** 16;

export interface BuilderOptions {
  format: ProfileFormat;
  name: string;
  tool?: string;
  valueTypes: ValueType[];
  defaultValue?: number;
  /** Keep per-sample leaf nodes and times (for the time-order view). */
  keepTimeline?: boolean;
}

/**
 * The only code that creates a Profile. Importers intern frames, register threads and add
 * stacks; `build()` computes totals and freezes the result.
 */
export class ProfileBuilder {
  private readonly frames: Frame[] = [];
  private readonly frameIds = new Map<string, number>();
  private readonly threads: ThreadInfo[] = [];
  private readonly threadIds = new Map<string, number>();
  /**
   * Child lookup: open addressing over node ids (0 = empty; the root is never a child), a node
   * found by its own parent/frame/thread. A Map keyed by `parent * 2^24 + frame` boxed every key
   * above 2^31 as a heap number: one allocation per frame of every stack.
   */
  private childSlots: Int32Array<ArrayBuffer> = new Int32Array(2048);
  private nodeFrame: Int32Array<ArrayBuffer> = new Int32Array(1024);
  private nodeParent: Int32Array<ArrayBuffer> = new Int32Array(1024);
  private nodeDepth: Int32Array<ArrayBuffer> = new Int32Array(1024);
  private nodeThread: Int32Array<ArrayBuffer> = new Int32Array(1024);
  private nodeSelf: Float64Array<ArrayBuffer>[];
  private nodeCount = 1;
  private readonly totals: number[];
  private timelineNodes: Int32Array<ArrayBuffer> | undefined;
  private timelineTimes: Float64Array<ArrayBuffer> | undefined;
  private timelineLength = 0;
  private sampleRecords = 0;
  private skipped = 0;
  private readonly warnings: string[] = [];
  private startTimeNanos: number | undefined;
  private durationNanos: number | undefined;
  private tool: string | undefined;
  private attributes: Record<string, string> | undefined;
  private name: string;
  private defaultValue: number;
  private readonly valueTypes: ValueType[];

  constructor(private readonly options: BuilderOptions) {
    this.valueTypes = [...options.valueTypes];
    this.nodeSelf = this.valueTypes.map(() => new Float64Array(1024));
    this.totals = this.valueTypes.map(() => 0);
    this.nodeFrame[0] = -1;
    this.nodeParent[0] = -1;
    this.tool = options.tool;
    this.name = options.name;
    this.defaultValue = options.defaultValue ?? 0;
    if (options.keepTimeline) {
      this.timelineNodes = new Int32Array(1024);
      this.timelineTimes = new Float64Array(1024);
    }
  }

  get valueTypeCount(): number {
    return this.valueTypes.length;
  }

  /** Adds a value type discovered while reading (perf: one per event) and returns its index. */
  addValueType(valueType: ValueType): number {
    const existing = this.valueTypes.findIndex(
      (v) => v.type === valueType.type && v.unit === valueType.unit,
    );
    if (existing >= 0) return existing;
    this.valueTypes.push(valueType);
    this.nodeSelf.push(new Float64Array(this.nodeFrame.length));
    this.totals.push(0);
    return this.valueTypes.length - 1;
  }

  /** Interns a frame by name|file|line|col|module|kind|inlined|inApp (speedscope Frame.getOrInsert). */
  internFrame(frame: Frame): number {
    const key = `${frame.name}\u0000${frame.file ?? ''}\u0000${frame.line ?? ''}\u0000${frame.col ?? ''}\u0000${frame.module ?? ''}\u0000${frame.kind}\u0000${frame.inlined ? 1 : 0}\u0000${frame.inApp === undefined ? '' : frame.inApp ? 1 : 0}`;
    let id = this.frameIds.get(key);
    if (id === undefined) {
      id = this.frames.length;
      if (id >= FRAME_SPACE) throw new RangeError('too many distinct frames');
      this.frames.push(Object.freeze({ ...frame }));
      this.frameIds.set(key, id);
    }
    return id;
  }

  /** Registers a thread (or process) by a stable key and returns its index. */
  internThread(key: string, info: ThreadInfo): number {
    let id = this.threadIds.get(key);
    if (id === undefined) {
      id = this.threads.length;
      if (id >= THREAD_SPACE) throw new RangeError('too many threads');
      this.threads.push(info);
      this.threadIds.set(key, id);
    }
    return id;
  }

  private child(parent: number, frame: number, thread: number): number {
    // Root children are per thread; deeper nodes inherit their root's thread.
    const t = parent === 0 ? thread : 0;
    const slots = this.childSlots;
    const mask = slots.length - 1;
    let s = childHash(parent, frame, t) & mask;
    for (;;) {
      const n = slots[s];
      if (n === 0) break;
      if (
        this.nodeParent[n] === parent &&
        this.nodeFrame[n] === frame &&
        (parent !== 0 || this.nodeThread[n] === thread)
      ) {
        return n;
      }
      s = (s + 1) & mask;
    }
    const node = this.nodeCount++;
    if (node >= this.nodeFrame.length) this.grow(node + 1);
    this.nodeFrame[node] = frame;
    this.nodeParent[node] = parent;
    this.nodeDepth[node] = this.nodeDepth[parent] + 1;
    this.nodeThread[node] = thread;
    slots[s] = node;
    if (this.nodeCount * 2 > slots.length) this.rehashChildren(slots.length * 2);
    return node;
  }

  private rehashChildren(size: number): void {
    const slots = new Int32Array(size);
    const mask = size - 1;
    for (let n = 1; n < this.nodeCount; n++) {
      const parent = this.nodeParent[n];
      let s = childHash(parent, this.nodeFrame[n], parent === 0 ? this.nodeThread[n] : 0) & mask;
      while (slots[s] !== 0) s = (s + 1) & mask;
      slots[s] = n;
    }
    this.childSlots = slots;
  }

  private grow(min: number): void {
    this.nodeFrame = growInt32(this.nodeFrame, min);
    this.nodeParent = growInt32(this.nodeParent, min);
    this.nodeDepth = growInt32(this.nodeDepth, min);
    this.nodeThread = growInt32(this.nodeThread, min);
    this.nodeSelf = this.nodeSelf.map((a) => growFloat64(a, min));
  }

  /**
   * Adds one stack. `stack[0..length)` are frame ids; `leafFirst` says their order (perf and
   * pprof list the leaf first, collapsed/speedscope the root first). `value` is either one
   * weight for `valueIndex` or one weight per value type. Returns the leaf node.
   */
  addStack(
    stack: ArrayLike<number>,
    length: number,
    leafFirst: boolean,
    value: number | ArrayLike<number>,
    options: { thread?: number; valueIndex?: number } = {},
  ): number {
    const thread = options.thread ?? 0;
    let node = 0;
    if (leafFirst) {
      for (let i = length - 1; i >= 0; i--) node = this.child(node, stack[i], thread);
    } else {
      for (let i = 0; i < length; i++) node = this.child(node, stack[i], thread);
    }
    this.addWeight(node, value, options.valueIndex ?? 0);
    return node;
  }

  /** Adds weight to an existing node (used by evented formats that open/close frames). */
  addWeight(node: number, value: number | ArrayLike<number>, valueIndex = 0): void {
    if (typeof value === 'number') {
      this.nodeSelf[valueIndex][node] += value;
      this.totals[valueIndex] += value;
    } else {
      for (let v = 0; v < value.length; v++) {
        this.nodeSelf[v][node] += value[v];
        this.totals[v] += value[v];
      }
    }
  }

  /** Child of `parent` for `frame`, created if needed (for evented/stack-walking importers). */
  childNode(parent: number, frame: number, thread = 0): number {
    return this.child(parent, frame, thread);
  }

  recordTime(node: number, timeNanos: number): void {
    if (!this.timelineNodes || !this.timelineTimes) return;
    const i = this.timelineLength++;
    this.timelineNodes = growInt32(this.timelineNodes, i + 1);
    this.timelineTimes = growFloat64(this.timelineTimes, i + 1);
    this.timelineNodes[i] = node;
    this.timelineTimes[i] = timeNanos;
  }

  countSamples(n: number): void {
    this.sampleRecords += n;
  }

  /** Counts a skipped line/record; keeps the first few reasons for the log. */
  skip(reason: string): void {
    this.skipped++;
    if (this.warnings.length < 20) this.warnings.push(reason);
  }

  warn(message: string): void {
    if (this.warnings.length < 20) this.warnings.push(message);
  }

  setTiming(startTimeNanos?: number, durationNanos?: number): void {
    this.startTimeNanos = startTimeNanos;
    this.durationNanos = durationNanos;
  }

  setTool(tool: string): void {
    this.tool = tool;
  }

  setAttributes(attributes: Record<string, string>): void {
    this.attributes = Object.keys(attributes).length > 0 ? { ...attributes } : undefined;
  }

  setName(name: string): void {
    this.name = name;
  }

  setDefaultValue(index: number): void {
    this.defaultValue = index;
  }

  build(): Profile {
    const n = this.nodeCount;
    const nodeParent = this.nodeParent.slice(0, n);
    const nodeSelf = this.nodeSelf.map((a) => a.slice(0, n));
    const nodeTotal = nodeSelf.map((self) => {
      const total = self.slice();
      for (let i = n - 1; i > 0; i--) total[nodeParent[i]] += total[i];
      return total;
    });
    if (this.threads.length === 0) this.threads.push({ name: 'all' });
    const meta: ProfileMeta = {
      format: this.options.format,
      tool: this.tool,
      name: this.name,
      sampleRecords: this.sampleRecords,
      skipped: this.skipped,
      warnings: this.warnings,
      startTimeNanos: this.startTimeNanos,
      durationNanos: this.durationNanos,
      ...(this.attributes ? { attributes: this.attributes } : {}),
    };
    const timeline =
      this.timelineNodes && this.timelineTimes && this.timelineLength > 0
        ? {
            node: this.timelineNodes.slice(0, this.timelineLength),
            timeNanos: this.timelineTimes.slice(0, this.timelineLength),
          }
        : undefined;
    return {
      meta,
      frames: this.frames,
      valueTypes: this.valueTypes,
      defaultValue: Math.min(this.defaultValue, Math.max(0, this.valueTypes.length - 1)),
      threads: this.threads,
      nodeCount: n,
      nodeFrame: this.nodeFrame.slice(0, n),
      nodeParent,
      nodeDepth: this.nodeDepth.slice(0, n),
      nodeThread: this.nodeThread.slice(0, n),
      nodeSelf,
      nodeTotal,
      totals: [...this.totals],
      timeline,
    };
  }
}

function childHash(parent: number, frame: number, thread: number): number {
  let h = Math.imul(parent ^ 0x9e3779b9, 0x85ebca6b);
  h = Math.imul(h ^ frame ^ (h >>> 13), 0xc2b2ae35);
  h = Math.imul(h ^ thread ^ (h >>> 16), 0x27d4eb2f);
  return h ^ (h >>> 15);
}
