// `npm test`: every check and test suite in order, each as its own process with its output
// streamed, then one closing line with the counts of all suites ("N passed, N failed, N skipped").
// A suite that fails does not stop the others, so one run shows everything that is wrong.
import { spawn } from 'child_process';

const stages = [
  { name: 'typecheck', cmd: ['npm', 'run', '-s', 'typecheck'] },
  { name: 'lint', cmd: ['npm', 'run', '-s', 'lint'] },
  { name: 'format', cmd: ['npm', 'run', '-s', 'format:check'] },
  { name: 'build', cmd: ['npm', 'run', '-s', 'build'] },
  { name: 'unit', cmd: ['npm', 'run', '-s', 'test:unit'], counts: true },
  { name: 'browser', cmd: ['npm', 'run', '-s', 'test:browser'], counts: true },
  { name: 'sdk', cmd: ['npm', 'run', '-s', 'test:sdk'], counts: true },
  { name: 'fuzz', cmd: ['npm', 'run', '-s', 'fuzz'] },
  { name: 'integration', cmd: ['npm', 'run', '-s', 'test:integration'], counts: true },
  {
    name: 'integration-latest',
    cmd: ['npm', 'run', '-s', 'test:integration:latest'],
    counts: true,
  },
  { name: 'e2e', cmd: ['npm', 'run', '-s', 'test:e2e'], counts: true },
  { name: 'electron', cmd: ['npm', 'run', '-s', 'test:electron'] },
];

const only = process.argv.slice(2);
const selected = only.length ? stages.filter((s) => only.includes(s.name)) : stages;

/** Counts from mocha ("12 passing", "1 failing", "2 pending") or our runners ("N passed, N failed, N skipped"). */
function countsOf(output) {
  // eslint-disable-next-line no-control-regex -- strips ANSI colour codes
  const clean = output.replace(/\x1b\[[0-9;]*m/g, '');
  const num = (re) => [...clean.matchAll(re)].reduce((sum, m) => sum + Number(m[1]), 0);
  const ours = [...clean.matchAll(/(\d+) passed, (\d+) failed(?:, (\d+) skipped)?/g)];
  if (ours.length) {
    const last = ours[ours.length - 1];
    return { passed: +last[1], failed: +last[2], skipped: +(last[3] ?? 0) };
  }
  return {
    passed: num(/(\d+) passing/g),
    failed: num(/(\d+) failing/g),
    skipped: num(/(\d+) pending/g),
  };
}

function run(stage) {
  return new Promise((resolve) => {
    const t0 = Date.now();
    console.log(`\n=== ${stage.name}: ${stage.cmd.join(' ')}`);
    const child = spawn(stage.cmd[0], stage.cmd.slice(1), { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (chunk) => {
      output += chunk.toString();
      if (output.length > 4e6) output = output.slice(-2e6);
    };
    child.stdout.on('data', (c) => (process.stdout.write(c), keep(c)));
    child.stderr.on('data', (c) => (process.stderr.write(c), keep(c)));
    child.on('close', (code) => {
      const seconds = ((Date.now() - t0) / 1000).toFixed(0);
      // A stage that skips itself (electron tests where VS Code cannot be downloaded) says
      // "skipped: <reason>"; it counts as skipped, never as passed.
      const skippedItself = !stage.counts && code === 0 && /\bskipped: /.test(output);
      resolve({
        stage,
        code,
        seconds,
        skippedItself,
        counts: stage.counts ? countsOf(output) : undefined,
      });
    });
  });
}

const results = [];
for (const stage of selected) results.push(await run(stage));

console.log('\n=== summary');
let passed = 0;
let failed = 0;
let skipped = 0;
for (const r of results) {
  const c = r.counts;
  const detail = c
    ? ` (${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped)`
    : r.skippedItself
      ? ' (skipped, reason above)'
      : '';
  console.log(
    `${r.code === 0 ? 'ok  ' : 'FAIL'} ${r.stage.name.padEnd(18)} ${r.seconds.padStart(4)} s${detail}`,
  );
  if (c) {
    passed += c.passed;
    failed += c.failed;
    skipped += c.skipped;
  } else if (r.skippedItself) skipped += 1;
  else if (r.code === 0) passed += 1;
  // A suite that exits non-zero counts as a failure even when its output had no failing test.
  if (r.code !== 0 && (!c || c.failed === 0)) failed += 1;
}
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(results.every((r) => r.code === 0) ? 0 : 1);
