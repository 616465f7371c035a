// `npm run fuzz`: property-based fuzzing of every importer and of importProfile (the sniffer),
// each target in its own child process so a hang can be caught and memory measured per target.
// FUZZ_RUNS (default 2000) inputs per target; FUZZ_SEED to replay a run; FUZZ_TARGETS=a,b to pick.
// Exit 1 on a crash, a hang, an input slow three times out of three, or heap growth; the inputs
// are written to $TMPDIR/hotspot-lens-fuzz/. See docs/reliability.md.
import { fork, spawnSync } from 'child_process';
import { mkdirSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { materialise, type FuzzCase } from './arbitraries';
import { SLOW_MS, type TargetResult } from './fuzz-target';
import { mergeResults } from './merge-results';
import { loadSeeds } from './seeds';
import { targets } from './targets';

const RUNS = Number(process.env.FUZZ_RUNS ?? 2000);
const HANG_MS = Number(process.env.FUZZ_HANG_S ?? 20) * 1000;
const HEAP_GROWTH_MB = 64;
const HEAP_MAX_MB = 512;
const CRASH_DIR = join(tmpdir(), 'hotspot-lens-fuzz');
const CHILD = join(__dirname, 'fuzz-target.js');

function saveInput(target: string, kind: string, c: FuzzCase): { bin: string; json: string } {
  mkdirSync(CRASH_DIR, { recursive: true });
  const { name, bytes } = materialise(c, loadSeeds());
  const base = join(CRASH_DIR, `${target}-${kind}-${Date.now()}`);
  writeFileSync(`${base}.bin`, bytes);
  writeFileSync(`${base}.case.json`, JSON.stringify(c));
  return { bin: `${base}.bin (name ${JSON.stringify(name)})`, json: `${base}.case.json` };
}

type Segment =
  | { kind: 'result'; result: TargetResult }
  | { kind: 'stalled'; input: FuzzCase; done: number }
  | { kind: 'died'; exit: string };

/**
 * Runs `runs` inputs in a child. The watchdog only counts while an input is in flight, and
 * looks again after pending IPC messages are read: a starved parent on a loaded machine wakes
 * up to its timer before the child's "done" messages.
 */
function runSegment(name: string, runs: number, seed: string | undefined): Promise<Segment> {
  return new Promise((resolve) => {
    const env = { ...process.env, FUZZ_RUNS: String(runs), ...(seed ? { FUZZ_SEED: seed } : {}) };
    const child = fork(CHILD, [name], {
      env,
      execArgv: ['--expose-gc', '--max-old-space-size=1024'],
      stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    });
    let inFlight: FuzzCase | null = null;
    let since = Date.now();
    let done = 0;
    let stalled = false;
    let out = '';
    const overdue = (): boolean => inFlight !== null && Date.now() - since > HANG_MS;
    const watchdog = setInterval(() => {
      if (!overdue()) return;
      setImmediate(() => {
        if (!overdue()) return;
        stalled = true;
        child.kill('SIGKILL');
      });
    }, 1000);
    child.on('message', (m: { case?: FuzzCase; done?: boolean }) => {
      if (m.case) inFlight = m.case;
      if (m.done) {
        inFlight = null;
        done++;
      }
      since = Date.now();
    });
    child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code, signal) => {
      clearInterval(watchdog);
      const line = out.trim().split('\n').pop();
      if (code === 0 && line) resolve({ kind: 'result', result: JSON.parse(line) });
      else if (stalled && inFlight) resolve({ kind: 'stalled', input: inFlight, done });
      else resolve({ kind: 'died', exit: `${code ?? signal}` });
    });
  });
}

/** Times a suspected hang again in a fresh process; undefined when it hangs again. */
function replayMs(name: string, caseFile: string): number | undefined {
  const r = spawnSync(process.execPath, [CHILD, name, '--replay', caseFile], {
    encoding: 'utf8',
    timeout: HANG_MS,
  });
  if (r.status !== 0) return undefined;
  return JSON.parse(r.stdout.trim().split('\n').pop()!).ms;
}

async function fuzzTarget(name: string, problems: string[]): Promise<TargetResult | undefined> {
  const results: TargetResult[] = [];
  let remaining = RUNS;
  for (let restart = 0; remaining > 0; restart++) {
    const seed = process.env.FUZZ_SEED
      ? String(Number(process.env.FUZZ_SEED) + restart)
      : undefined;
    const s = await runSegment(name, remaining, seed);
    if (s.kind === 'result') {
      results.push(s.result);
      break;
    }
    if (s.kind === 'died') {
      problems.push(`${name}: the fuzz process ended with ${s.exit}`);
      return undefined;
    }
    const saved = saveInput(name, 'hang', s.input);
    const ms = replayMs(name, saved.json);
    if (ms === undefined || ms > SLOW_MS) {
      problems.push(`${name}: hang (over ${HANG_MS} ms, again on replay): ${saved.bin}`);
      return undefined;
    }
    // Not the input: the machine stalled the process. Go on with the runs that are left.
    console.log(
      `  ${name}: stalled ${HANG_MS} ms, but the input replays in ${ms.toFixed(0)} ms; ` +
        `${s.done} inputs before it passed (not in the figures below), going on`,
    );
    remaining -= s.done;
  }
  return mergeResults(results);
}

function report(r: TargetResult, problems: string[]): void {
  const o = r.outcomes;
  console.log(
    `${r.target.padEnd(14)} ${String(r.runs).padStart(7)} inputs in ${r.seconds.toFixed(1)} s ` +
      `(seed ${r.seed}): ${o.profile} profiles, ${o.null} null, ${o.importError} ImportError; ` +
      `max ${r.maxMs.toFixed(0)} ms, p99 ${r.p99Ms.toFixed(1)} ms; heap ${r.heapStartMB.toFixed(0)}` +
      `→${r.heapEndMB.toFixed(0)} MB (max ${r.heapMaxMB.toFixed(0)}), peak RSS ${r.maxRssMB.toFixed(0)} MB`,
  );
  if (r.failure) {
    const where = saveInput(r.target, 'crash', r.failure.case).bin;
    problems.push(
      `${r.target}: crash (replay: FUZZ_SEED=${r.seed}); input: ${where}\n${r.failure.error}`,
    );
  }
  for (const s of r.slow) {
    const times = s.ms.map((ms) => ms.toFixed(0)).join(', ');
    if (s.ms.every((ms) => ms > SLOW_MS))
      problems.push(
        `${r.target}: slow input (${times} ms): ${saveInput(r.target, 'slow', s.case).bin}`,
      );
    else console.log(`  one-off slow input (${times} ms), not repeated: ignored`);
  }
  if (r.heapEndMB - r.heapStartMB > HEAP_GROWTH_MB || r.heapMaxMB > HEAP_MAX_MB)
    problems.push(
      `${r.target}: heap grew ${r.heapStartMB.toFixed(0)}→${r.heapEndMB.toFixed(0)} MB (max ${r.heapMaxMB.toFixed(0)})`,
    );
}

async function main(): Promise<void> {
  const wanted = process.env.FUZZ_TARGETS?.split(',');
  const problems: string[] = [];
  let total = 0;
  for (const t of targets.filter((t) => !wanted || wanted.includes(t.name))) {
    const r = await fuzzTarget(t.name, problems);
    if (!r) continue;
    total += r.runs;
    report(r, problems);
  }
  console.log(`${total} inputs in all`);
  if (problems.length > 0) {
    console.log(`\n${problems.length} problem(s):\n${problems.join('\n\n')}`);
    process.exit(1);
  }
}

void main();
