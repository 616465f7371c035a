// `npm run fuzz`: property-based fuzzing of every importer and of importProfile (the sniffer),
// each target in its own child process so a hang can be caught and memory measured per target.
// FUZZ_RUNS (default 2000) inputs per target; FUZZ_SEED to replay a run; FUZZ_TARGETS=a,b to pick.
// Exit 1 on a crash, a hang (no progress for FUZZ_HANG_S seconds), an input slow three times
// out of three, or heap growth; crashing inputs are written to $TMPDIR/hotspot-lens-fuzz/.
import { fork } from 'child_process';
import { mkdirSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { materialise, type FuzzCase } from './arbitraries';
import { SLOW_MS, type TargetResult } from './fuzz-target';
import { loadSeeds } from './seeds';
import { targets } from './targets';

const HANG_MS = Number(process.env.FUZZ_HANG_S ?? 20) * 1000;
const HEAP_GROWTH_MB = 64;
const HEAP_MAX_MB = 512;
const CRASH_DIR = join(tmpdir(), 'hotspot-lens-fuzz');

function saveInput(target: string, kind: string, c: FuzzCase): string {
  mkdirSync(CRASH_DIR, { recursive: true });
  const { name, bytes } = materialise(c, loadSeeds());
  const base = join(CRASH_DIR, `${target}-${kind}-${Date.now()}`);
  writeFileSync(`${base}.bin`, bytes);
  writeFileSync(`${base}.case.json`, JSON.stringify({ name, case: c }, null, 1));
  return `${base}.bin (name ${JSON.stringify(name)})`;
}

function runTarget(
  name: string,
): Promise<TargetResult | { target: string; hang: FuzzCase | null; exit: string }> {
  return new Promise((resolve) => {
    const child = fork(join(__dirname, 'fuzz-target.js'), [name], {
      execArgv: ['--expose-gc', '--max-old-space-size=1024'],
      stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    });
    let last: FuzzCase | null = null;
    let out = '';
    let watchdog = setTimeout(onHang, HANG_MS);
    function onHang(): void {
      child.kill('SIGKILL');
    }
    child.on('message', (m: { case: FuzzCase }) => {
      last = m.case;
      clearTimeout(watchdog);
      watchdog = setTimeout(onHang, HANG_MS);
    });
    child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code, signal) => {
      clearTimeout(watchdog);
      const line = out.trim().split('\n').pop();
      if (code === 0 && line) resolve(JSON.parse(line) as TargetResult);
      else
        resolve({
          target: name,
          hang: signal === 'SIGKILL' ? last : null,
          exit: `${code ?? signal}`,
        });
    });
  });
}

async function main(): Promise<void> {
  const wanted = process.env.FUZZ_TARGETS?.split(',');
  const problems: string[] = [];
  let total = 0;
  for (const t of targets.filter((t) => !wanted || wanted.includes(t.name))) {
    const r = await runTarget(t.name);
    if (!('outcomes' in r)) {
      const where = r.hang ? `; input: ${saveInput(r.target, 'hang', r.hang)}` : '';
      problems.push(`${r.target}: child ended with ${r.exit}${r.hang ? ' (hang)' : ''}${where}`);
      console.log(`${r.target}: FAILED (${r.exit})${where}`);
      continue;
    }
    total += r.runs;
    const o = r.outcomes;
    console.log(
      `${r.target.padEnd(14)} ${String(r.runs).padStart(7)} inputs in ${r.seconds.toFixed(1)} s ` +
        `(seed ${r.seed}): ${o.profile} profiles, ${o.null} null, ${o.importError} ImportError; ` +
        `max ${r.maxMs.toFixed(0)} ms, p99 ${r.p99Ms.toFixed(1)} ms; heap ${r.heapStartMB.toFixed(0)}` +
        `→${r.heapEndMB.toFixed(0)} MB (max ${r.heapMaxMB.toFixed(0)}), peak RSS ${r.maxRssMB.toFixed(0)} MB`,
    );
    if (r.failure) {
      const where = saveInput(r.target, 'crash', r.failure.case);
      problems.push(
        `${r.target}: crash (replay: FUZZ_SEED=${r.seed}); input: ${where}\n${r.failure.error}`,
      );
    }
    for (const s of r.slow) {
      const times = s.ms.map((ms) => ms.toFixed(0)).join(', ');
      if (s.ms.every((ms) => ms > SLOW_MS))
        problems.push(
          `${r.target}: slow input (${times} ms): ${saveInput(r.target, 'slow', s.case)}`,
        );
      else console.log(`  one-off slow input (${times} ms), not repeated: ignored`);
    }
    if (r.heapEndMB - r.heapStartMB > HEAP_GROWTH_MB || r.heapMaxMB > HEAP_MAX_MB)
      problems.push(
        `${r.target}: heap grew ${r.heapStartMB.toFixed(0)}→${r.heapEndMB.toFixed(0)} MB (max ${r.heapMaxMB.toFixed(0)})`,
      );
  }
  console.log(`${total} inputs in all`);
  if (problems.length > 0) {
    console.log(`\n${problems.length} problem(s):\n${problems.join('\n\n')}`);
    process.exit(1);
  }
}

void main();
