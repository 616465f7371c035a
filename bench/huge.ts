// `npm run bench:huge`: a 1 GB `perf script` file and a 1 GB collapsed file (fixtures replicated
// by inputs.ts, cached in .bench/) must import with peak RSS under 400 MB and cancel within 1 s
// of AbortController.abort() issued ~2 s into the import. Each measurement runs in its own child
// (huge-child.ts). HUGE_MB changes the size (default 1000). Exit 1 when a limit is missed.
import { spawnSync } from 'child_process';
import { join } from 'path';
import { benchDir, collapsedInput, perfInput, sizeMB } from './inputs';

const MB = Number(process.env.HUGE_MB ?? 1000);
const RSS_LIMIT_MB = 400;
const CANCEL_LIMIT_MS = 1000;
const ABORT_AFTER_MS = 2000;
const CHILD = join(__dirname, 'huge-child.js');

function child(args: string[]): Record<string, number | string | boolean> {
  const r = spawnSync(process.execPath, [CHILD, ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`huge-child ${args.join(' ')}: ${r.stderr.trim()}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!);
}

async function main(): Promise<void> {
  const dir = benchDir();
  const t0 = Date.now();
  const inputs: [string, string][] = [
    ['perf script', await perfInput(dir, MB)],
    ['collapsed', await collapsedInput(dir, MB)],
  ];
  console.log(`inputs ready in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  const failures: string[] = [];
  for (const [label, file] of inputs) {
    const size = sizeMB(file);
    const f = child(['full', file]);
    const seconds = Number(f.seconds);
    console.log(
      `${label}, ${size.toFixed(0)} MB: imported in ${seconds.toFixed(1)} s ` +
        `(${(size / seconds).toFixed(0)} MB/s), ${f.samples} samples, ${f.nodes} nodes, ` +
        `peak RSS ${Number(f.maxRssMB).toFixed(0)} MB`,
    );
    if (Number(f.maxRssMB) > RSS_LIMIT_MB)
      failures.push(`${label}: peak RSS ${Number(f.maxRssMB).toFixed(0)} MB > ${RSS_LIMIT_MB} MB`);
    const c = child(['cancel', file, String(ABORT_AFTER_MS)]);
    if (!c.cancelled) {
      failures.push(`${label}: finished before the abort at ${ABORT_AFTER_MS} ms`);
      continue;
    }
    const latency = Number(c.abortToRejectMs);
    console.log(
      `${label}: abort() after ${ABORT_AFTER_MS} ms (${Number(c.mbReadAtAbort).toFixed(0)} MB read) ` +
        `rejected ${latency.toFixed(0)} ms later (${Number(c.dueToRejectMs).toFixed(0)} ms after ` +
        `it was due), peak RSS ${Number(c.maxRssMB).toFixed(0)} MB`,
    );
    if (Number(c.dueToRejectMs) > CANCEL_LIMIT_MS)
      failures.push(
        `${label}: cancel took ${Number(c.dueToRejectMs).toFixed(0)} ms > ${CANCEL_LIMIT_MS} ms`,
      );
  }
  if (failures.length > 0) {
    console.log(`\nFAILED:\n${failures.join('\n')}`);
    process.exit(1);
  }
  console.log(`\nOK: peak RSS under ${RSS_LIMIT_MB} MB, cancel under ${CANCEL_LIMIT_MS} ms`);
}

void main();
