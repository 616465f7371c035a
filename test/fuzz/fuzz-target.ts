// One fuzz target in its own process (started by run.ts): runs FUZZ_RUNS generated inputs
// through the target, times each, samples the heap, and prints one JSON result line. Tells the
// parent over IPC which case it is on, so a hang can be reported with its input.
import fc from 'fast-check';
import { readFileSync } from 'fs';
import { fuzzCase, materialise, portable, type FuzzCase } from './arbitraries';
import { loadSeeds } from './seeds';
import { runCase, targets, type Outcome, type Target } from './targets';

export const SLOW_MS = 1000;

export interface TargetResult {
  target: string;
  runs: number;
  seed: number;
  outcomes: Record<Outcome, number>;
  /** Inputs over SLOW_MS on the first try, with their times on two re-runs. */
  slow: { case: FuzzCase; ms: number[] }[];
  maxMs: number;
  p99Ms: number;
  heapStartMB: number;
  heapMaxMB: number;
  heapEndMB: number;
  maxRssMB: number;
  seconds: number;
  failure?: { error: string; case: FuzzCase; path?: string };
}

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

/**
 * Heap plus array buffers after a full GC. Buffers are released by a sweeper after the GC, so
 * measuring right away counts tens of MB of freed gzip/Buffer memory; a short pause and a second
 * GC give a stable figure.
 */
async function heapMB(): Promise<number> {
  gc();
  await new Promise((resolve) => setTimeout(resolve, 50));
  gc();
  const m = process.memoryUsage();
  return (m.heapUsed + m.arrayBuffers) / 2 ** 20;
}

/** `--replay case.json`: one input, timed (run.ts checks a suspected hang this way). */
async function replay(target: Target, file: string): Promise<void> {
  const { name, bytes } = materialise(JSON.parse(readFileSync(file, 'utf8')), loadSeeds());
  const start = performance.now();
  const outcome = await runCase(target, name, bytes).catch((e: Error) => e.message);
  process.stdout.write(JSON.stringify({ ms: performance.now() - start, outcome }) + '\n');
}

async function main(): Promise<void> {
  const target = targets.find((t) => t.name === process.argv[2]);
  if (!target) throw new Error(`unknown target ${process.argv[2]}`);
  if (process.argv[3] === '--replay') return replay(target, process.argv[4]);
  const runs = Number(process.env.FUZZ_RUNS ?? 2000);
  const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
  const seeds = loadSeeds();
  const preferred = seeds.flatMap((s, i) => (target.prefers(s.path) ? [i] : []));
  const outcomes: Record<Outcome, number> = { profile: 0, null: 0, importError: 0 };
  const times: number[] = [];
  const slow: TargetResult['slow'] = [];
  const heapStartMB = await heapMB();
  let heapMaxMB = heapStartMB;
  let count = 0;
  const t0 = Date.now();
  const details = await fc.check(
    fc.asyncProperty(fuzzCase(seeds.length, preferred), async (c) => {
      process.send?.({ case: portable(c) });
      const { name, bytes } = materialise(c, seeds);
      const start = performance.now();
      const outcome = await runCase(target, name, bytes).finally(() =>
        process.send?.({ done: true }),
      );
      const ms = performance.now() - start;
      outcomes[outcome]++;
      times.push(ms);
      if (ms > SLOW_MS) slow.push({ case: portable(c), ms: [ms] });
      if (++count % 1000 === 0) heapMaxMB = Math.max(heapMaxMB, await heapMB());
    }),
    { numRuns: runs, seed },
  );
  // A slow input counts only if it is slow again twice (a loaded CI machine causes one-offs).
  for (const s of slow) {
    for (let i = 0; i < 2; i++) {
      const { name, bytes } = materialise(s.case, seeds);
      const start = performance.now();
      await runCase(target, name, bytes).catch(() => undefined);
      s.ms.push(performance.now() - start);
    }
  }
  gc();
  const sorted = [...times].sort((a, b) => a - b);
  const result: TargetResult = {
    target: target.name,
    runs: times.length,
    seed,
    outcomes,
    slow,
    maxMs: sorted[sorted.length - 1] ?? 0,
    p99Ms: sorted[Math.floor(sorted.length * 0.99)] ?? 0,
    heapStartMB,
    heapMaxMB,
    heapEndMB: await heapMB(),
    maxRssMB: process.resourceUsage().maxRSS / 1024,
    seconds: (Date.now() - t0) / 1000,
  };
  if (details.failed && details.counterexample) {
    const err = details.errorInstance;
    result.failure = {
      error: err instanceof Error ? (err.stack ?? err.message) : String(err),
      case: portable(details.counterexample[0]),
      path: details.counterexamplePath ?? undefined,
    };
  }
  process.stdout.write(JSON.stringify(result) + '\n');
}

// run.ts imports SLOW_MS and the result type from here; only a forked child runs the target.
if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exit(2);
  });
}
