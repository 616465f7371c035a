import { ImportError, throwIfAborted } from '../errors';
import type { ImportOptions } from '../import/importer';
import { sniffEncoding, type ProfileSource } from '../source';

/** Called once per line, `\r\n` and `\n` endings removed; `lineNo` is 1-based. */
export type LineHandler = (line: string, lineNo: number) => void;

/**
 * Streams a text source line by line without ever holding the whole file as one string
 * (docs/formats.md §7, pitfall 12: 200 MB text files are realistic). Each chunk is decoded with one
 * TextDecoder call and split with indexOf, so the only per-line allocation is the line itself
 * (a V8 sliced string of the chunk). Handlers that keep a line (or part of it) beyond the call
 * should store a `detach`ed copy: a slice pins the whole decoded chunk in memory.
 */
export async function forEachLine(
  source: ProfileSource,
  options: ImportOptions,
  onLine: LineHandler,
): Promise<void> {
  const splitter = new LineSplitter();
  for await (const text of decodeChunks(source, options)) splitter.push(text, onLine);
  splitter.end(onLine);
}

/** The same lines as an async iterable (one promise per line: for tests and small inputs). */
export async function* readLines(
  source: ProfileSource,
  options: ImportOptions = {},
): AsyncGenerator<string> {
  const splitter = new LineSplitter();
  const batch: string[] = [];
  const collect = (line: string): void => {
    batch.push(line);
  };
  for await (const text of decodeChunks(source, options)) {
    splitter.push(text, collect);
    yield* batch.splice(0);
  }
  splitter.end(collect);
  yield* batch;
}

/**
 * A copy of `s` that shares no memory with the chunk it was sliced from (V8 flattens the
 * concatenation into a new string): use it for strings that are kept, such as frame names.
 */
export function detach(s: string): string {
  return (' ' + s).slice(1);
}

// A longer "line" means the input is not a line-oriented profile (a binary or minified file):
// stop before the string grows towards V8's ~512M-character limit.
export const MAX_LINE_CHARS = 64 * 1024 * 1024;

/** Splits decoded text into lines; the text after the last newline waits for the next push. */
class LineSplitter {
  // Unfinished line as pieces, joined only when its newline arrives: re-scanning one growing
  // string on every chunk made a file without newlines quadratic.
  private carry: string[] = [];
  private carryLength = 0;
  private lineNo = 0;

  push(text: string, onLine: LineHandler): void {
    let nl = text.indexOf('\n');
    if (nl === -1) {
      this.keep(text);
      return;
    }
    let start = 0;
    if (this.carry.length > 0) {
      this.keep(text.slice(0, nl));
      this.emit(this.takeCarry(), onLine);
      start = nl + 1;
      nl = text.indexOf('\n', start);
    }
    while (nl !== -1) {
      const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      onLine(text.slice(start, end), ++this.lineNo);
      start = nl + 1;
      nl = text.indexOf('\n', start);
    }
    if (start < text.length) this.keep(text.slice(start));
  }

  /** A last line without a newline is still a line (perf files often end that way). */
  end(onLine: LineHandler): void {
    const rest = this.takeCarry();
    if (rest.length > 0) this.emit(rest, onLine);
  }

  private emit(line: string, onLine: LineHandler): void {
    const end = line.charCodeAt(line.length - 1) === 13 ? line.length - 1 : line.length;
    onLine(line.slice(0, end), ++this.lineNo);
  }

  private keep(piece: string): void {
    this.carry.push(piece);
    this.carryLength += piece.length;
    if (this.carryLength > MAX_LINE_CHARS) {
      throw new ImportError(
        'unknown',
        `a line is longer than ${MAX_LINE_CHARS / 2 ** 20} MiB characters: not a text profile`,
        { line: this.lineNo + 1 },
      );
    }
  }

  private takeCarry(): string {
    const line = this.carry.length === 1 ? this.carry[0] : this.carry.join('');
    this.carry = [];
    this.carryLength = 0;
    return line;
  }
}

/**
 * Decodes the chunks by byte-order mark (UTF-8, UTF-16 LE/BE; the decoder drops the BOM and its
 * streaming mode handles characters split across chunks). Reports progress and checks the
 * signal once per chunk.
 */
async function* decodeChunks(
  source: ProfileSource,
  { signal, onProgress }: ImportOptions,
): AsyncGenerator<string> {
  let decoder: InstanceType<typeof TextDecoder> | undefined;
  let pending: Uint8Array | undefined;
  let bytesRead = 0;
  for await (const chunk of source.chunks(signal)) {
    throwIfAborted(signal);
    bytesRead += chunk.length;
    let bytes = chunk;
    if (!decoder) {
      // The BOM takes up to 3 bytes; a tiny first chunk waits for the next one.
      bytes = pending ? concat(pending, chunk) : chunk;
      if (bytes.length < 3) {
        pending = bytes;
        continue;
      }
      pending = undefined;
      decoder = new TextDecoder(sniffEncoding(bytes).encoding);
    }
    const text = decoder.decode(bytes, { stream: true });
    onProgress?.(bytesRead, source.size);
    yield text;
  }
  throwIfAborted(signal);
  if (pending) decoder = new TextDecoder(sniffEncoding(pending).encoding);
  if (decoder) yield decoder.decode(pending);
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
