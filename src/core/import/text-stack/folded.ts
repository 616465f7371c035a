import type { ProfileBuilder } from '../../builder';
import type { ImportOptions } from '../importer';
import type { ProfileSource } from '../../source';
import { forEachLineEither } from '../../text/byte-lines';
import { FoldedByteLines } from './folded-bytes';

/**
 * Shared reader for folded stacks (`root;caller;leaf count`, docs/formats.md §6), used by
 * the collapsed and py-spy raw importers, which differ only in how a frame's text is read.
 */
export interface FoldedFrames {
  /** Frame id for one `;`-separated frame text (cache it: this runs once per frame). */
  frame(text: string): number;
  /** Frame id for a line with an empty stack (py-spy's ` 1`), so its weight stays visible. */
  emptyStack(): number;
  /** Builder thread of a stack (py-spy's thread/process root frames); 0 when none. */
  thread?(stack: Int32Array, length: number): number;
}

export interface FoldedStats {
  stackLines: number;
  invalidLines: number;
  firstInvalidLine: number | undefined;
  /** `# key: value` comment lines (austin writes `# austin: 3.3.0`). */
  comments: Map<string, string>;
}

/** The count of a folded line: the last whitespace-separated token; NaN when there is none. */
export function splitFoldedLine(line: string): { stack: string; count: number } | undefined {
  let end = line.length;
  while (end > 0 && isSpace(line.charCodeAt(end - 1))) end--;
  let ws = end - 1;
  while (ws >= 0 && !isSpace(line.charCodeAt(ws))) ws--;
  if (ws < 0) return undefined;
  const count = parseCount(line, ws + 1, end);
  if (Number.isNaN(count)) return undefined;
  let stackEnd = ws;
  while (stackEnd > 0 && isSpace(line.charCodeAt(stackEnd - 1))) stackEnd--;
  return { stack: line.slice(0, stackEnd), count };
}

/** `31`, `31.23`, `6.` and `.5` (fractional counts occur, inferno test data); NaN otherwise. */
function parseCount(s: string, start: number, end: number): number {
  let digits = 0;
  let dots = 0;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
    else if (c === 46 && dots === 0) dots++;
    else return NaN;
  }
  return digits === 0 ? NaN : Number(s.slice(start, end));
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 13 || c === 12 || c === 11;
}

/**
 * Streams the lines into the builder. Empty lines and `#` comments are ignored (austin's
 * trailing `# duration:` must not become a stack); other lines without a trailing count are
 * skipped and reported with their line number. Identical stacks on several lines add up.
 */
export async function readFoldedStacks(
  source: ProfileSource,
  options: ImportOptions,
  builder: ProfileBuilder,
  frames: FoldedFrames,
): Promise<FoldedStats> {
  const stats: FoldedStats = {
    stackLines: 0,
    invalidLines: 0,
    firstInvalidLine: undefined,
    comments: new Map(),
  };
  let stack = new Int32Array(256);
  const onText = (line: string, lineNo: number): void => {
    if (line.length === 0) return;
    if (line.charCodeAt(0) === 35 /* # */) {
      const m = /^#\s*([\w ]+):\s*(.*)$/.exec(line);
      if (m && stats.comments.size < 32) stats.comments.set(m[1].trim(), m[2].trim());
      return;
    }
    const parsed = splitFoldedLine(line);
    if (!parsed) {
      if (line.trim().length === 0) return;
      stats.invalidLines++;
      stats.firstInvalidLine ??= lineNo;
      builder.skip(`line ${lineNo}: no trailing count in "${line.slice(0, 80)}"`);
      return;
    }
    let depth = 0;
    const text = parsed.stack;
    if (text.length === 0) {
      stack[depth++] = frames.emptyStack();
    } else {
      let start = 0;
      for (;;) {
        const semi = text.indexOf(';', start);
        const end = semi === -1 ? text.length : semi;
        if (depth === stack.length) {
          const grown = new Int32Array(stack.length * 2);
          grown.set(stack);
          stack = grown;
        }
        stack[depth++] = frames.frame(text.slice(start, end));
        if (semi === -1) break;
        start = semi + 1;
      }
    }
    stats.stackLines++;
    builder.countSamples(parsed.count);
    const thread = frames.thread ? frames.thread(stack, depth) : 0;
    builder.addStack(stack, depth, false, parsed.count, { thread });
  };
  const bytes = new FoldedByteLines(builder, frames, stats, onText);
  await forEachLineEither(
    source,
    options,
    (b, start, end, lineNo) => bytes.line(b, start, end, lineNo),
    onText,
  );
  return stats;
}

/**
 * The complete lines of a sniffing head (the last one may be cut off unless the head is the
 * whole file), without empty lines.
 */
export function headLines(head: Uint8Array, headText: string, sniffBytes: number): string[] {
  const lines = headText.split('\n');
  if (head.length >= sniffBytes) lines.pop();
  return lines.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l)).filter((l) => l.trim() !== '');
}
