import { createReadStream, promises as fs } from 'fs';
import { basename } from 'path';
import { ImportError, throwIfAborted } from './errors';

/**
 * Where an importer reads from: a file streamed in chunks (so text formats never hold the whole
 * file as one string) or bytes already in memory (tests, webview drops, HTTP bodies).
 */
export interface ProfileSource {
  /** File name used for sniffing by extension. */
  readonly name: string;
  /** Size in bytes when known, for progress. */
  readonly size: number | undefined;
  /** The first `n` bytes (fewer for small inputs). */
  head(n: number): Promise<Uint8Array>;
  /** The whole input in chunks; stops early with ImportCancelled when the signal fires. */
  chunks(signal?: AbortSignal): AsyncIterable<Uint8Array>;
}

export const CHUNK_SIZE = 1 << 20;

export async function fileSource(path: string): Promise<ProfileSource> {
  const stat = await fs.stat(path);
  if (stat.isDirectory()) throw new Error(`${path} is a directory, not a profile file`);
  return {
    name: basename(path),
    size: stat.size,
    async head(n) {
      const handle = await fs.open(path, 'r');
      try {
        const buf = Buffer.alloc(Math.min(n, stat.size));
        const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
        return buf.subarray(0, bytesRead);
      } finally {
        await handle.close();
      }
    },
    async *chunks(signal) {
      const stream = createReadStream(path, { highWaterMark: CHUNK_SIZE });
      let read = 0;
      try {
        for await (const chunk of stream) {
          throwIfAborted(signal);
          read += (chunk as Buffer).length;
          yield chunk as Buffer;
        }
      } catch (err) {
        // Gone between sniffing and reading (an open file stays readable when deleted).
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
          throw new ImportError('unknown', 'the file was deleted or moved while it was being read');
        }
        throw err;
      } finally {
        stream.destroy();
      }
      // A file cut short while we read (a profiler rewriting it) would import as a silently
      // partial profile.
      if (read < stat.size) {
        throw new ImportError(
          'unknown',
          `the file shrank from ${stat.size} to ${read} bytes while it was being read; ` +
            'open it again once the program writing it has finished',
        );
      }
    },
  };
}

export function bytesSource(name: string, bytes: Uint8Array): ProfileSource {
  return {
    name,
    size: bytes.length,
    async head(n) {
      return bytes.subarray(0, n);
    },
    async *chunks(signal) {
      for (let i = 0; i < bytes.length; i += CHUNK_SIZE) {
        throwIfAborted(signal);
        yield bytes.subarray(i, i + CHUNK_SIZE);
      }
    },
  };
}

/** Reads a whole source into one buffer (binary and JSON formats), with a size cap. */
export async function readAll(
  source: ProfileSource,
  signal?: AbortSignal,
  onProgress?: (bytes: number) => void,
): Promise<Buffer> {
  const parts: Buffer[] = [];
  let read = 0;
  for await (const chunk of source.chunks(signal)) {
    parts.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    read += chunk.length;
    onProgress?.(read);
  }
  return Buffer.concat(parts, read);
}

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be';

/** Encoding by byte-order mark (speedscope's collapsed test data has UTF-16 LE and BE with BOM). */
export function sniffEncoding(head: Uint8Array): { encoding: TextEncoding; bomLength: number } {
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2 };
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf)
    return { encoding: 'utf-8', bomLength: 3 };
  return { encoding: 'utf-8', bomLength: 0 };
}

/** The head decoded as text, for content sniffing. */
export function decodeHead(head: Uint8Array): string {
  const { encoding, bomLength } = sniffEncoding(head);
  const body = head.subarray(bomLength);
  if (encoding === 'utf-16be') {
    const swapped = Buffer.from(body.subarray(0, body.length & ~1));
    swapped.swap16();
    return new TextDecoder('utf-16le').decode(swapped);
  }
  return new TextDecoder(encoding).decode(body);
}
