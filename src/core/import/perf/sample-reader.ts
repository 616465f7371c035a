import type { ProfileBuilder } from '../../builder';
import type { Frame } from '../../model';
import { BytesTable } from '../../text/bytes-table';
import { decodeBytes, isAscii } from '../../text/byte-lines';
import { detach } from '../../text/lines';
import { parseSite, symbolStart, withSrcline, type FrameSite } from './frame-line';
import { HeaderTemplate } from './header-template';
import {
  eventName,
  parseHeader,
  parseHeaderIndexed,
  threadOf,
  valueTypeFor,
  type SampleHeader,
} from './header';

interface CachedSite extends FrameSite {
  /** Frame id when no srcline follows. */
  id: number;
  /** Frame ids per srcline text. */
  bySrcline: Map<string, number> | undefined;
}

/**
 * The `perf script` state machine, fed one line at a time (comments already removed). Memory is
 * bounded by distinct frames: a frame line is parsed once per distinct `sym+off (dso)` text
 * and the stack goes into one reused Int32Array.
 */
export class PerfSampleReader {
  samples = 0;
  private readonly sites = new Map<string, CachedSite>();
  /** The same sites by the bytes of their line, for `lineBytes` (a hit decodes nothing). */
  private readonly siteBytes = new BytesTable<CachedSite>();
  /** Decoded srcline texts by their bytes: one string object per text, its hash cached. */
  private readonly srclineBytes = new BytesTable<string>();
  private template: HeaderTemplate | undefined;
  /** Per `siteBytes` entry: the entry of the frame line that followed it last time, or -1. */
  private nextEntry = new Int32Array(256).fill(-1);
  /** The first frame line of the last sample, and the last frame line so far of this one. */
  private firstEntry = -1;
  private lastEntry = -1;
  private readonly threads = new Map<string, number>();
  private readonly events = new Map<string, number>();
  private stack = new Int32Array(512);
  private depth = 0;
  private inSample = false;
  /** The last frame line of the sample, kept open until we know whether a srcline follows. */
  private pending: CachedSite | undefined;
  private weight = 1;
  private valueIndex = 0;
  private thread = 0;
  private timeNanos: number | undefined;
  private firstTime: number | undefined;
  private lastTime: number | undefined;
  private noFrames = -1;
  private lastEventToken: string | undefined;
  private lastComm: string | undefined;
  private lastFirstId: string | undefined;
  private lastTid: string | undefined;

  constructor(private readonly builder: ProfileBuilder) {}

  line(line: string, lineNo: number): void {
    const c0 = line.charCodeAt(0);
    if (c0 === 9 /* \t */) {
      if (this.inSample) this.frameLine(line, lineNo);
      else this.builder.skip(`line ${lineNo}: stack line outside a sample`);
      return;
    }
    if (isBlank(line)) {
      this.endSample();
      return;
    }
    // `-F +srcline`: two-space indent right after a frame line. A right-aligned comm of a
    // sample without callchain also starts with spaces, but always has its `event:` token.
    if (
      this.pending &&
      c0 === 32 &&
      line.charCodeAt(1) === 32 &&
      line.charCodeAt(2) !== 32 &&
      !line.endsWith(':') &&
      !line.includes(': ')
    ) {
      this.srcline(line);
      return;
    }
    this.headerOrOther(line, lineNo, false);
  }

  /**
   * `line` for the bytes of a UTF-8 line: the same decisions in the same order, but a frame or
   * srcline line seen before and a header shaped like the previous one are handled without
   * decoding (docs/DESIGN.md, "Text import by bytes").
   */
  lineBytes(bytes: Buffer, start: number, end: number, lineNo: number): void {
    const c0 = start < end ? bytes[start] : -1;
    if (c0 === 9 /* \t */) {
      if (!this.inSample) {
        this.line(decodeBytes(bytes, start, end), lineNo);
        return;
      }
      // Samples repeat whole call chains: first try the line that followed the previous one
      // last time (one comparison, no hashing), then the table.
      const table = this.siteBytes;
      const guess = this.lastEntry >= 0 ? this.nextEntry[this.lastEntry] : this.firstEntry;
      let e = guess >= 0 && table.matches(guess, bytes, start, end) ? guess : -1;
      if (e < 0) e = table.find(bytes, start, end);
      if (e >= 0) {
        this.flushPending();
        this.pending = table.value(e);
      } else {
        const text = decodeBytes(bytes, start, end);
        if (!this.pushSite(text)) {
          this.builder.skip(`line ${lineNo}: unreadable stack line "${text.trim().slice(0, 80)}"`);
          return;
        }
        e = table.size;
        table.set(bytes, start, end, this.pending!);
        if (e >= this.nextEntry.length) {
          const grown = new Int32Array(this.nextEntry.length * 2).fill(-1);
          grown.set(this.nextEntry);
          this.nextEntry = grown;
        }
      }
      if (this.lastEntry >= 0) this.nextEntry[this.lastEntry] = e;
      else this.firstEntry = e;
      this.lastEntry = e;
      return;
    }
    if (isBlankBytes(bytes, start, end)) {
      this.endSample();
      return;
    }
    if (
      this.pending &&
      c0 === 32 &&
      end - start >= 2 &&
      bytes[start + 1] === 32 &&
      (end - start < 3 || bytes[start + 2] !== 32) &&
      bytes[end - 1] !== 58 /* : */ &&
      !hasColonSpace(bytes, start, end)
    ) {
      let text = this.srclineBytes.get(bytes, start, end);
      if (text === undefined) {
        text = decodeBytes(bytes, start, end);
        this.srclineBytes.set(bytes, start, end, text);
      }
      this.srcline(text);
      return;
    }
    const header = this.template?.match(bytes, start, end);
    if (header) {
      this.startSample(header);
      return;
    }
    const text = decodeBytes(bytes, start, end);
    this.headerOrOther(text, lineNo, isAscii(bytes, start, end));
  }

  /** The rest of `line` once tab, blank and srcline lines are ruled out. */
  private headerOrOther(line: string, lineNo: number, ascii: boolean): void {
    // Byte offsets are string offsets only for ASCII: other headers never become templates.
    if (ascii) {
      const parsed = parseHeaderIndexed(line);
      if (parsed) {
        this.template = new HeaderTemplate(
          line,
          parsed.header,
          parsed.time,
          parsed.period,
          parsed.cpu,
        );
        this.startSample(parsed.header);
        return;
      }
    } else {
      const header = parseHeader(line);
      if (header) {
        this.startSample(header);
        return;
      }
    }
    // Old perf versions (and some tools) indent stack lines with spaces or not at all.
    if (this.inSample && symbolStart(line, 0) >= 0) {
      this.frameLine(line, lineNo);
      return;
    }
    this.builder.skip(`line ${lineNo}: not a perf sample or stack line: "${line.slice(0, 80)}"`);
  }

  end(): void {
    this.endSample();
  }

  finishTiming(): void {
    if (this.firstTime !== undefined && this.lastTime !== undefined) {
      this.builder.setTiming(this.firstTime, this.lastTime - this.firstTime);
    }
  }

  private startSample(h: SampleHeader): void {
    this.endSample();
    this.inSample = true;
    this.lastEntry = -1;
    this.depth = 0;
    this.weight = h.period ?? 1;
    // Consecutive samples mostly share event and thread: compare the raw tokens before
    // building keys, which keeps the per-sample work (and garbage) small.
    if (h.eventToken !== this.lastEventToken) {
      const event = detach(eventName(h.eventToken));
      let index = this.events.get(event);
      if (index === undefined) {
        index = this.builder.addValueType(valueTypeFor(event, h.period !== undefined));
        this.events.set(event, index);
      }
      this.valueIndex = index;
      this.lastEventToken = h.eventToken;
    }
    if (h.comm !== this.lastComm || h.firstId !== this.lastFirstId || h.tid !== this.lastTid) {
      const t = threadOf(h);
      let thread = this.threads.get(t.key);
      if (thread === undefined) {
        // Detached: the key and name come from the line, which pins its whole chunk.
        const key = detach(t.key);
        thread = this.builder.internThread(key, { name: detach(t.name), pid: t.pid, tid: t.tid });
        this.threads.set(key, thread);
      }
      this.thread = thread;
      this.lastComm = h.comm;
      this.lastFirstId = h.firstId;
      this.lastTid = h.tid;
    }
    if (h.timeSeconds !== undefined) {
      this.timeNanos = h.timeSeconds * 1e9;
      this.firstTime ??= this.timeNanos;
      this.lastTime = this.timeNanos;
    } else {
      this.timeNanos = undefined;
    }
    // Without a callchain the sample's only frame follows the event on the header line.
    if (h.rest.length > 0) this.pushSite(h.rest);
  }

  private frameLine(line: string, lineNo: number): void {
    if (!this.pushSite(line)) {
      this.builder.skip(`line ${lineNo}: unreadable stack line "${line.trim().slice(0, 80)}"`);
    }
  }

  /**
   * Parses `<ip> sym+off (dso)` (the whole line is the cache key: the same IP always prints
   * the same line, so a hit costs one hash lookup). False if the text is not a frame.
   */
  private pushSite(text: string): boolean {
    let site = this.sites.get(text);
    if (site === undefined) {
      const at = symbolStart(text, 0);
      if (at < 0) return false;
      const parsed = parseSite(detach(text.slice(at)));
      site = { ...parsed, id: this.builder.internFrame(frameOf(parsed)), bySrcline: undefined };
      this.sites.set(detach(text), site);
    }
    this.flushPending();
    this.pending = site;
    return true;
  }

  private srcline(line: string): void {
    const site = this.pending!;
    this.pending = undefined;
    site.bySrcline ??= new Map();
    let id = site.bySrcline.get(line);
    if (id === undefined) {
      id = this.builder.internFrame(compact(withSrcline(site, detach(line))));
      site.bySrcline.set(line, id);
    }
    this.push(id);
  }

  private flushPending(): void {
    if (this.pending) this.push(this.pending.id);
    this.pending = undefined;
  }

  private push(id: number): void {
    if (this.depth === this.stack.length) {
      const grown = new Int32Array(this.stack.length * 2);
      grown.set(this.stack);
      this.stack = grown;
    }
    this.stack[this.depth++] = id;
  }

  private endSample(): void {
    if (!this.inSample) return;
    this.flushPending();
    this.inSample = false;
    if (this.depth === 0) {
      // A header without stack lines still counts (its weight is in perf's totals).
      if (this.noFrames < 0)
        this.noFrames = this.builder.internFrame({ name: '[no frames]', kind: 'other' });
      this.push(this.noFrames);
    }
    const leaf = this.builder.addStack(this.stack, this.depth, true, this.weight, {
      thread: this.thread,
      valueIndex: this.valueIndex,
    });
    if (this.timeNanos !== undefined) this.builder.recordTime(leaf, this.timeNanos);
    this.builder.countSamples(1);
    this.samples++;
  }
}

function frameOf(site: FrameSite): Frame {
  return compact({ name: site.name, module: site.module, kind: site.kind, inlined: site.inlined });
}

/** Drops undefined/false optional keys so frames stay small and compare cleanly. */
function compact(frame: Frame): Frame {
  const out: { -readonly [K in keyof Frame]: Frame[K] } = { name: frame.name, kind: frame.kind };
  if (frame.file !== undefined) out.file = frame.file;
  if (frame.line !== undefined) out.line = frame.line;
  if (frame.module !== undefined) out.module = frame.module;
  if (frame.inlined) out.inlined = true;
  return out;
}

function isBlankBytes(bytes: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = bytes[i];
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}

function hasColonSpace(bytes: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end - 1; i++) if (bytes[i] === 58 && bytes[i + 1] === 32) return true;
  return false;
}

function isBlank(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}
