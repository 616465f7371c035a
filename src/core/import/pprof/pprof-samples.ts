import type { ProfileBuilder } from '../../builder';
import type { LocationFrames } from './pprof-frames';
import type { PprofTables } from './pprof-tables';
import { StackCache } from './stack-cache';
import { NOT_THREAD, THREAD_ID, type ThreadLabels } from './thread-labels';

// Wire tags (field << 3 | wire type) of Sample and Label, compared as numbers in the hot loop.
const PROFILE_SAMPLE = (2 << 3) | 2;
const LOCATION_PACKED = (1 << 3) | 2;
const LOCATION_ONE = 1 << 3;
const VALUE_PACKED = (2 << 3) | 2;
const VALUE_ONE = 2 << 3;
const LABEL = (3 << 3) | 2;

/**
 * Pass 2: walks the Profile's `sample` fields and adds each to the builder without creating an
 * object per sample. A sample whose location ids come in one packed field (what every
 * producer writes) is looked up by those bytes in a StackCache; others (unpacked repeated
 * fields, DataDog's non-packed test file) are decoded into `ids` and walked directly.
 */
export class SampleDecoder {
  private readonly cache: StackCache;
  private readonly values: Float64Array;
  private ids = new Float64Array(256);
  private stack = new Int32Array(1024);
  /** Byte offset where the next `step` continues the top-level walk. */
  private pos = 0;
  samples = 0;

  constructor(
    private readonly t: PprofTables,
    private readonly frames: LocationFrames,
    private readonly threads: ThreadLabels,
    private readonly builder: ProfileBuilder,
  ) {
    this.cache = new StackCache(t.reader.buf);
    this.values = new Float64Array(t.sampleTypes.length);
  }

  /** Decodes up to `limit` samples; returns false when the profile is done. */
  step(limit: number): boolean {
    const r = this.t.reader;
    r.pos = this.pos;
    r.end = r.buf.length;
    let n = 0;
    while (r.pos < r.end && n < limit) {
      const tag = r.varint();
      if (tag !== PROFILE_SAMPLE) {
        r.skip(tag & 7, Math.floor(tag / 8));
        continue;
      }
      const end = r.lengthEnd('a sample');
      r.end = end;
      this.sample(end);
      r.pos = end;
      r.end = r.buf.length;
      n++;
      this.samples++;
    }
    this.pos = r.pos;
    return r.pos < r.end;
  }

  private sample(end: number): void {
    const r = this.t.reader;
    const sampleStart = r.pos;
    const values = this.values;
    values.fill(0);
    let valueCount = 0;
    let idCount = 0;
    let packedStart = -1;
    let packedEnd = -1;
    let threadName = 0;
    let threadId = 0;
    let threadNum = NaN;
    while (r.pos < end) {
      const tag = r.varint();
      if (tag === LOCATION_PACKED) {
        const fieldEnd = r.lengthEnd('a sample location list');
        if (packedStart < 0 && idCount === 0) {
          // Keep just the byte range: a cache hit never needs the ids themselves.
          packedStart = r.pos;
          packedEnd = fieldEnd;
          r.pos = fieldEnd;
          continue;
        }
        idCount = this.materialize(packedStart, packedEnd, idCount);
        packedStart = -1;
        r.end = fieldEnd;
        while (r.pos < fieldEnd) idCount = this.pushId(r.varint(), idCount);
        r.end = end;
      } else if (tag === LOCATION_ONE) {
        idCount = this.materialize(packedStart, packedEnd, idCount);
        packedStart = -1;
        idCount = this.pushId(r.varint(), idCount);
      } else if (tag === VALUE_PACKED) {
        const fieldEnd = r.lengthEnd('a sample value list');
        r.end = fieldEnd;
        while (r.pos < fieldEnd) {
          const v = r.int64();
          if (valueCount < values.length) values[valueCount] = v;
          valueCount++;
        }
        r.end = end;
      } else if (tag === VALUE_ONE) {
        const v = r.int64();
        if (valueCount < values.length) values[valueCount] = v;
        valueCount++;
      } else if (tag === LABEL) {
        const labelEnd = r.lengthEnd('a sample label');
        r.end = labelEnd;
        let key = 0;
        let str = 0;
        let num = NaN;
        while (r.pos < labelEnd) {
          const ltag = r.varint();
          if (ltag === 1 << 3) key = r.varint();
          else if (ltag === 2 << 3) str = r.varint();
          else if (ltag === 3 << 3) num = r.int64();
          else r.skip(ltag & 7, Math.floor(ltag / 8));
        }
        r.end = end;
        const kind = key < this.threads.keyKind.length ? this.threads.keyKind[key] : NOT_THREAD;
        if (kind !== NOT_THREAD) {
          if (str !== 0 && kind === THREAD_ID) threadId = str;
          else if (str !== 0) threadName = str;
          if (!Number.isNaN(num)) threadNum = num;
        }
      } else r.skip(tag & 7, Math.floor(tag / 8));
    }
    if (valueCount !== values.length) {
      r.invalid(
        `sample ${this.samples} has ${valueCount} values but the profile declares ` +
          `${values.length} sample types`,
        sampleStart,
      );
    }
    const thread = this.threads.thread(threadName, threadId, threadNum);
    if (packedStart >= 0) {
      let node = this.cache.find(packedStart, packedEnd, thread);
      if (node < 0) {
        idCount = this.materialize(packedStart, packedEnd, 0);
        node = this.addStack(idCount, thread, sampleStart);
        this.cache.add(packedStart, packedEnd, thread, node);
      } else this.builder.addWeight(node, values);
    } else this.addStack(idCount, thread, sampleStart);
  }

  private pushId(id: number, count: number): number {
    if (count >= this.ids.length) {
      const grown = new Float64Array(this.ids.length * 2);
      grown.set(this.ids);
      this.ids = grown;
    }
    this.ids[count] = id;
    return count + 1;
  }

  /** Decodes a remembered packed location range into `ids` (after `count` ids). */
  private materialize(start: number, end: number, count: number): number {
    if (start < 0) return count;
    const r = this.t.reader;
    const [pos, outerEnd] = [r.pos, r.end];
    r.pos = start;
    r.end = end;
    while (r.pos < end) count = this.pushId(r.varint(), count);
    r.pos = pos;
    r.end = outerEnd;
    return count;
  }

  /** Expands location ids (leaf first) into frames and adds the stack with this sample's values. */
  private addStack(idCount: number, thread: number, sampleStart: number): number {
    const frames = this.frames;
    let depth = 0;
    for (let i = 0; i < idCount; i++) {
      const loc = frames.locations.get(this.ids[i]);
      if (loc < 0) {
        this.t.reader.invalid(
          `sample ${this.samples} refers to location ${this.ids[i]}, which the profile does not define`,
          sampleStart,
        );
      }
      frames.intern(loc);
      const count = frames.count[loc];
      if (depth + count > this.stack.length) {
        const grown = new Int32Array(Math.max(this.stack.length * 2, depth + count));
        grown.set(this.stack);
        this.stack = grown;
      }
      const start = frames.start[loc];
      for (let k = 0; k < count; k++) this.stack[depth++] = frames.pool[start + k];
    }
    return this.builder.addStack(this.stack, depth, true, this.values, { thread });
  }
}
