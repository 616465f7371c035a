// One huge-input measurement in a fresh process (started by huge.ts), so peak RSS belongs to
// this import alone. Usage: node out/bench/huge-child.js <full|cancel> <file> [abortAfterMs]
// Prints one JSON line.
import { ImportCancelled } from '../src/core/errors';
import { importProfileFile } from '../src/core/import';

async function full(file: string): Promise<Record<string, unknown>> {
  const t0 = performance.now();
  const profile = await importProfileFile(file);
  return {
    seconds: (performance.now() - t0) / 1000,
    format: profile.meta.format,
    samples: profile.meta.sampleRecords,
    nodes: profile.nodeCount,
  };
}

/**
 * Aborts after `afterMs` and times the rejection, both from abort() and from when the abort was
 * due: a timer that fires late means the import held the event loop, which a user's Cancel
 * click would wait for too.
 */
async function cancel(file: string, afterMs: number): Promise<Record<string, unknown>> {
  const controller = new AbortController();
  const t0 = performance.now();
  let abortedAt = 0;
  let bytesAtAbort = 0;
  let bytes = 0;
  setTimeout(() => {
    abortedAt = performance.now();
    bytesAtAbort = bytes;
    controller.abort();
  }, afterMs);
  try {
    await importProfileFile(file, { signal: controller.signal, onProgress: (b) => (bytes = b) });
    return { cancelled: false, seconds: (performance.now() - t0) / 1000 };
  } catch (err) {
    if (!(err instanceof ImportCancelled)) throw err;
    const now = performance.now();
    return {
      cancelled: true,
      abortToRejectMs: now - abortedAt,
      dueToRejectMs: now - (t0 + afterMs),
      mbReadAtAbort: bytesAtAbort / 1e6,
    };
  }
}

async function main(): Promise<void> {
  const [mode, file, after] = process.argv.slice(2);
  const result = mode === 'full' ? await full(file) : await cancel(file, Number(after ?? 2000));
  const maxRssMB = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(JSON.stringify({ ...result, maxRssMB }) + '\n');
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
