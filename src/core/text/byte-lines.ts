import { ImportError, throwIfAborted } from '../errors';
import type { ImportOptions } from '../import/importer';
import { sniffEncoding, type ProfileSource } from '../source';
import { MAX_LINE_CHARS, forEachLine } from './lines';

/**
 * Called once per line with the line's bytes `bytes[start, end)` (`\r\n`/`\n` removed, UTF-8,
 * BOM dropped). The bytes are only valid during the call: the chunk is reused afterwards.
 */
export type ByteLineHandler = (bytes: Buffer, start: number, end: number, lineNo: number) => void;

/**
 * The lines of a UTF-8 source as byte ranges, so importers can look lines up in a byte-keyed
 * table and decode only the text they have not seen before (decoding every line was most of
 * the time of a big `perf script` import). Returns false without reading anything when the
 * source is UTF-16 (by its BOM): the caller then reads it with `forEachLine`.
 *
 * Splitting bytes at `\n` and decoding each line alone gives the same text as decoding the
 * stream first: `\n` and `\r` never occur inside a UTF-8 sequence, and the decoder ends a
 * broken sequence with U+FFFD at any ASCII byte just as it does at the end of a line.
 */
export async function forEachLineBytes(
  source: ProfileSource,
  options: ImportOptions,
  onLine: ByteLineHandler,
): Promise<boolean> {
  let head: Uint8Array;
  try {
    head = await source.head(3);
  } catch {
    // Gone since sniffing: reading the chunks below reports it as the text path does.
    head = new Uint8Array(0);
  }
  const { encoding, bomLength } = sniffEncoding(head);
  if (encoding !== 'utf-8') return false;
  const { signal, onProgress } = options;
  let skip = bomLength;
  let carry: Buffer[] = [];
  let carryBytes = 0;
  // Only counted once the carried line is long: the limit is in characters, as for text.
  let carryChars: InstanceType<typeof TextDecoder> | undefined;
  let carryCharCount = 0;
  let lineNo = 0;
  let bytesRead = 0;
  const keep = (piece: Buffer): void => {
    carry.push(piece);
    carryBytes += piece.length;
    if (carryBytes <= MAX_LINE_CHARS) return;
    if (!carryChars) {
      carryChars = new TextDecoder('utf-8');
      for (const p of carry) carryCharCount += carryChars.decode(p, { stream: true }).length;
    } else {
      carryCharCount += carryChars.decode(piece, { stream: true }).length;
    }
    if (carryCharCount > MAX_LINE_CHARS) {
      throw new ImportError(
        'unknown',
        `a line is longer than ${MAX_LINE_CHARS / 2 ** 20} MiB characters: not a text profile`,
        { line: lineNo + 1 },
      );
    }
  };
  const takeCarry = (): Buffer => {
    const line = carry.length === 1 ? carry[0] : Buffer.concat(carry, carryBytes);
    carry = [];
    carryBytes = 0;
    carryChars = undefined;
    carryCharCount = 0;
    return line;
  };
  const emit = (bytes: Buffer, start: number, nl: number): void => {
    const end = nl > start && bytes[nl - 1] === 13 ? nl - 1 : nl;
    onLine(bytes, start, end, ++lineNo);
  };
  for await (const chunk of source.chunks(signal)) {
    throwIfAborted(signal);
    bytesRead += chunk.length;
    let buf = Buffer.isBuffer(chunk)
      ? chunk
      : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
    if (skip > 0) {
      const n = Math.min(skip, buf.length);
      buf = buf.subarray(n);
      skip -= n;
    }
    let start = 0;
    let nl = buf.indexOf(10);
    if (nl === -1) {
      // A piece that is kept must be copied: a bytes source hands out views of its buffer,
      // a file source may reuse nothing, but copying a carry is cheap either way.
      if (buf.length > 0) keep(Buffer.from(buf));
    } else {
      if (carry.length > 0) {
        keep(buf.subarray(0, nl));
        const line = takeCarry();
        emit(line, 0, line.length);
        start = nl + 1;
        nl = buf.indexOf(10, start);
      }
      while (nl !== -1) {
        emit(buf, start, nl);
        start = nl + 1;
        nl = buf.indexOf(10, start);
      }
      if (start < buf.length) keep(Buffer.from(buf.subarray(start)));
    }
    onProgress?.(bytesRead, source.size);
  }
  throwIfAborted(signal);
  if (carry.length > 0) {
    // A last line without a newline is still a line (perf files often end that way).
    const line = takeCarry();
    emit(line, 0, line.length);
  }
  return true;
}

/** Reads a source by bytes when it is UTF-8, else by decoded lines (UTF-16 captures exist). */
export async function forEachLineEither(
  source: ProfileSource,
  options: ImportOptions,
  onBytes: ByteLineHandler,
  onText: (line: string, lineNo: number) => void,
): Promise<void> {
  if (!(await forEachLineBytes(source, options, onBytes))) {
    await forEachLine(source, options, onText);
  }
}

const utf8 = new TextDecoder('utf-8');

/**
 * The text of `bytes[start, end)`: latin1 for pure ASCII (a copy, no decoder state: the
 * common case and several times cheaper), the UTF-8 decoder (U+FFFD for broken bytes) otherwise.
 */
export function decodeBytes(bytes: Buffer, start: number, end: number): string {
  for (let i = start; i < end; i++) {
    if (bytes[i] >= 0x80) return utf8.decode(bytes.subarray(start, end));
  }
  return bytes.toString('latin1', start, end);
}

/** True when `bytes[start, end)` is all ASCII (byte offsets then equal string indices). */
export function isAscii(bytes: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (bytes[i] >= 0x80) return false;
  return true;
}
