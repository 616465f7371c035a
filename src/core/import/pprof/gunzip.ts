import { Readable } from 'stream';
import { pipeline } from 'stream/promises';
import { createGunzip } from 'zlib';
import { ImportCancelled, ImportError } from '../../errors';
import type { ProfileFormat } from '../../model';
import type { ProfileSource } from '../../source';

const GIB = 1024 ** 3;

/**
 * How much a gzip'd profile may expand to: 100× the compressed size (real pprofs expand 2-10×),
 * but at least 64 MiB so small files never trip it, and never above 4 GiB (a gzip bomb would
 * otherwise fill memory before we notice).
 */
export function gunzipLimit(compressedSize: number | undefined): number {
  if (compressedSize === undefined) return 4 * GIB;
  return Math.min(4 * GIB, Math.max(100 * compressedSize, 64 * 1024 ** 2));
}

/** Streams the source through zlib and returns the decompressed bytes, failing past `limit`. */
export async function gunzipSource(
  source: ProfileSource,
  signal: AbortSignal | undefined,
  onProgress: ((bytesRead: number) => void) | undefined,
  limit = gunzipLimit(source.size),
  format: ProfileFormat = 'pprof',
): Promise<Buffer> {
  // 256 KiB output chunks instead of zlib's 16 KiB: fewer async steps for 100 MB+ profiles.
  const gunzip = createGunzip({ chunkSize: 1 << 18 });
  const parts: Buffer[] = [];
  let total = 0;
  let read = 0;
  let tooLarge: ImportError | undefined;
  async function* input(): AsyncIterable<Uint8Array> {
    for await (const chunk of source.chunks(signal)) {
      read += chunk.length;
      onProgress?.(read);
      yield chunk;
    }
  }
  try {
    await pipeline(Readable.from(input()), gunzip, async (output: AsyncIterable<Buffer>) => {
      for await (const chunk of output) {
        total += chunk.length;
        if (total > limit) {
          // Kept aside: pipeline() reports the abort it causes, not this error.
          tooLarge = new ImportError(
            format,
            `the gzip data expands to more than ${limit} bytes (a gzip bomb or not a profile)`,
            { offset: gunzip.bytesWritten },
          );
          throw tooLarge;
        }
        parts.push(chunk);
      }
    });
  } catch (err) {
    if (tooLarge) throw tooLarge;
    if (err instanceof ImportError || err instanceof ImportCancelled) throw err;
    const message = err instanceof Error ? err.message : String(err);
    const reason =
      message === 'unexpected end of file'
        ? 'the gzip data ends early (truncated file?)'
        : `the gzip data is corrupt (${message})`;
    throw new ImportError(format, reason, { offset: gunzip.bytesWritten });
  }
  return Buffer.concat(parts, total);
}
