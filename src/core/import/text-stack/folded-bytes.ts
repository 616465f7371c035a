import type { ProfileBuilder } from '../../builder';
import { BytesTable } from '../../text/bytes-table';
import { decodeBytes } from '../../text/byte-lines';
import type { FoldedFrames, FoldedStats } from './folded';

/**
 * The byte form of `readFoldedStacks`' per-line work (same decisions, same order, same messages):
 * the count is read from the bytes, each `;`-separated frame is found in a byte-keyed table and
 * decoded only the first time, and the frames a line shares with the previous line are not
 * looked up at all. Folded files are sorted or written sample by sample, so consecutive lines
 * mostly share their root frames: a frame whose bytes and following `;` lie inside the common
 * prefix of the two lines is the same text, hence the same id.
 */
export class FoldedByteLines {
  private readonly ids = new BytesTable<number>();
  private stack = new Int32Array(256);
  /** End (`;` offset from the line start) of each `;`-terminated frame of the previous line. */
  private ends = new Int32Array(256);
  private prevEnds = 0;
  // The previous line stays readable in its chunk: chunks are never written after delivery.
  private prevBytes: Buffer | undefined;
  private prevStart = 0;
  private prevLength = 0;

  constructor(
    private readonly builder: ProfileBuilder,
    private readonly frames: FoldedFrames,
    private readonly stats: FoldedStats,
    private readonly onText: (line: string, lineNo: number) => void,
  ) {}

  line(bytes: Buffer, start: number, end: number, lineNo: number): void {
    if (start === end) return;
    const c0 = bytes[start];
    if (c0 === 35 /* # */) {
      this.onText(decodeBytes(bytes, start, end), lineNo);
      return;
    }
    let e = end;
    while (e > start && isSpace(bytes[e - 1])) e--;
    let ws = e - 1;
    while (ws >= start && !isSpace(bytes[ws])) ws--;
    const count = ws < start ? NaN : parseCount(bytes, ws + 1, e);
    if (Number.isNaN(count)) {
      // Invalid or blank (Unicode spaces included): the text path decides and reports.
      this.prevBytes = undefined;
      this.onText(decodeBytes(bytes, start, end), lineNo);
      return;
    }
    let stackEnd = ws;
    while (stackEnd > start && isSpace(bytes[stackEnd - 1])) stackEnd--;
    let depth = 0;
    let nEnds = 0;
    if (stackEnd === start) {
      this.stack[depth++] = this.frames.emptyStack();
    } else {
      let from = start;
      // Frames shared with the previous line: same bytes up to and including their `;`.
      const prev = this.prevBytes;
      if (prev !== undefined && this.prevEnds > 0) {
        const limit = Math.min(this.prevLength, stackEnd - start);
        const ps = this.prevStart;
        let same = 0;
        while (same < limit && prev[ps + same] === bytes[start + same]) same++;
        while (nEnds < this.prevEnds && this.ends[nEnds] < same) nEnds++;
        depth = nEnds;
        if (nEnds > 0) from = start + this.ends[nEnds - 1] + 1;
      }
      for (;;) {
        let semi = from;
        while (semi < stackEnd && bytes[semi] !== 59 /* ; */) semi++;
        if (depth === this.stack.length) this.grow();
        this.stack[depth++] = this.frameId(bytes, from, semi);
        if (semi === stackEnd) break;
        this.ends[nEnds++] = semi - start;
        from = semi + 1;
      }
    }
    this.prevBytes = bytes;
    this.prevStart = start;
    this.prevLength = stackEnd - start;
    this.prevEnds = nEnds;
    this.stats.stackLines++;
    this.builder.countSamples(count);
    const thread = this.frames.thread ? this.frames.thread(this.stack, depth) : 0;
    this.builder.addStack(this.stack, depth, false, count, { thread });
  }

  private frameId(bytes: Buffer, start: number, end: number): number {
    let id = this.ids.get(bytes, start, end);
    if (id === undefined) {
      // Distinct bytes may decode to one text (broken UTF-8 becomes U+FFFD): the text table
      // behind `frame` still gives them one id.
      id = this.frames.frame(decodeBytes(bytes, start, end));
      this.ids.set(bytes, start, end, id);
    }
    return id;
  }

  private grow(): void {
    const n = this.stack.length * 2;
    const stack = new Int32Array(n);
    stack.set(this.stack);
    this.stack = stack;
    const ends = new Int32Array(n);
    ends.set(this.ends);
    this.ends = ends;
  }
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 13 || c === 12 || c === 11;
}

/** `parseCount` of folded.ts on bytes: digits with at most one dot; NaN otherwise. */
function parseCount(bytes: Buffer, start: number, end: number): number {
  let digits = 0;
  let dots = 0;
  let value = 0;
  for (let i = start; i < end; i++) {
    const c = bytes[i];
    if (c >= 48 && c <= 57) {
      digits++;
      value = value * 10 + (c - 48);
    } else if (c === 46 && dots === 0) dots++;
    else return NaN;
  }
  if (digits === 0) return NaN;
  // Exact as an integer below 2^53 (15 digits); otherwise Number() rounds as the text path does.
  return dots === 0 && digits <= 15 ? value : Number(bytes.toString('latin1', start, end));
}
