// Joins the results of one target's segments (run.ts restarts a target after a stall that was
// the machine's, not the input's) into one line of figures.
import type { TargetResult } from './fuzz-target';

export function mergeResults(parts: TargetResult[]): TargetResult {
  if (parts.length === 1) return parts[0];
  const sum = (f: (r: TargetResult) => number): number => parts.reduce((a, r) => a + f(r), 0);
  const max = (f: (r: TargetResult) => number): number => Math.max(...parts.map(f));
  const failed = parts.find((r) => r.failure);
  return {
    target: parts[0].target,
    runs: sum((r) => r.runs),
    seed: parts[0].seed,
    outcomes: {
      profile: sum((r) => r.outcomes.profile),
      null: sum((r) => r.outcomes.null),
      importError: sum((r) => r.outcomes.importError),
    },
    slow: parts.flatMap((r) => r.slow),
    maxMs: max((r) => r.maxMs),
    // The largest segment p99 bounds the overall p99 from above.
    p99Ms: max((r) => r.p99Ms),
    heapStartMB: parts[0].heapStartMB,
    heapMaxMB: max((r) => r.heapMaxMB),
    heapEndMB: parts[parts.length - 1].heapEndMB,
    maxRssMB: max((r) => r.maxRssMB),
    seconds: sum((r) => r.seconds),
    ...(failed ? { failure: failed.failure } : {}),
  };
}
