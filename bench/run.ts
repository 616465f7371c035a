// `npm run bench`: import speed and peak memory of our importers against reference tools run in
// the same command on the same files. Prints MB/s, peak RSS and the ratio ours/reference.
// Last, the assistant tools on a loaded profile (bench/assist.ts, budget 50 ms).
// Reference tools: inferno-collapse-perf (crates.io; `bash bench/setup.sh` installs it),
// `go tool pprof -raw`, npm pprof-format's decoder, and JSON.parse as the floor for JSON.
import { spawnSync } from 'child_process';
import { existsSync } from 'fs';
import { join } from 'path';
import { benchDir, collapsedInput, perfInput, pprofInput, sizeMB, speedscopeInput } from './inputs';

interface Measurement {
  tool: string;
  seconds: number;
  maxRssMB?: number;
}

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const MB = Number(process.env.BENCH_MB ?? 200);
const CHILD = join(__dirname, 'measure-child.js');

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Runs a Node measurement child RUNS times; returns the median time and the max RSS seen. */
function measureNode(tool: string, mode: string, file: string): Measurement | undefined {
  const times: number[] = [];
  let rss = 0;
  for (let i = 0; i < RUNS; i++) {
    const r = spawnSync(process.execPath, ['--max-old-space-size=8192', CHILD, mode, file], {
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    });
    if (r.status !== 0) {
      console.log(`  ${tool}: failed: ${(r.stderr || r.stdout).trim().split('\n')[0]}`);
      return undefined;
    }
    const out = JSON.parse(r.stdout.trim().split('\n').pop()!);
    times.push(out.seconds);
    rss = Math.max(rss, out.maxRssMB);
  }
  return { tool, seconds: median(times), maxRssMB: rss };
}

/** Runs an external command RUNS times under /usr/bin/time (when present) for peak RSS. */
function measureCommand(tool: string, argv: string[]): Measurement | undefined {
  const haveTime = existsSync('/usr/bin/time');
  const times: number[] = [];
  let rss: number | undefined;
  for (let i = 0; i < RUNS; i++) {
    const cmd = haveTime ? ['/usr/bin/time', '-f', 'MAXRSS %M', ...argv] : argv;
    const t0 = process.hrtime.bigint();
    const r = spawnSync(cmd[0], cmd.slice(1), { encoding: 'utf8', maxBuffer: 1 << 30 });
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    if (r.status !== 0 || r.error) {
      console.log(
        `  ${tool}: not available (${r.error?.message ?? r.stderr.trim().split('\n').pop()})`,
      );
      return undefined;
    }
    times.push(seconds);
    const m = /MAXRSS (\d+)/.exec(r.stderr);
    if (m) rss = Math.max(rss ?? 0, Number(m[1]) / 1024);
  }
  return { tool, seconds: median(times), maxRssMB: rss };
}

function which(name: string, extraDirs: string[]): string | undefined {
  for (const dir of [...extraDirs, ...(process.env.PATH ?? '').split(':')]) {
    const p = join(dir, name);
    if (existsSync(p)) return p;
  }
  return undefined;
}

function report(
  label: string,
  file: string,
  ours: Measurement | undefined,
  refs: (Measurement | undefined)[],
): void {
  const mb = sizeMB(file);
  const line = (m: Measurement) =>
    `  ${m.tool.padEnd(26)} ${m.seconds.toFixed(2).padStart(7)} s ${(mb / m.seconds).toFixed(1).padStart(7)} MB/s` +
    `  peak RSS ${m.maxRssMB === undefined ? '   n/a' : m.maxRssMB.toFixed(0).padStart(5) + ' MB'}` +
    (ours && m !== ours ? `   ours is ${(m.seconds / ours.seconds).toFixed(2)}x its speed` : '');
  console.log(`\n${label}: ${file} (${mb.toFixed(1)} MB, median of ${RUNS})`);
  if (ours) console.log(line(ours));
  for (const r of refs) if (r) console.log(line(r));
}

async function main(): Promise<void> {
  const dir = benchDir();
  const cargoBin = join(__dirname, '..', '..', '.bench', 'cargo', 'bin');
  console.log(`Hotspot Lens import benchmark (${MB} MB inputs built from real fixtures in ${dir})`);

  const perf = await perfInput(dir, MB);
  const inferno = which('inferno-collapse-perf', [cargoBin]);
  report('perf script', perf, measureNode('hotspot-lens', 'ours', perf), [
    inferno ? measureCommand('inferno-collapse-perf', [inferno, perf]) : undefined,
  ]);
  if (!inferno) console.log('  inferno-collapse-perf: not installed (run `bash bench/setup.sh`)');

  const collapsed = await collapsedInput(dir, MB);
  report('collapsed stacks', collapsed, measureNode('hotspot-lens', 'ours', collapsed), [
    measureCommand('awk sum (I/O floor)', ['awk', '{s+=$NF} END{print s}', collapsed]),
  ]);

  const speedscope = await speedscopeInput(dir, MB);
  report('speedscope JSON (py-spy)', speedscope, measureNode('hotspot-lens', 'ours', speedscope), [
    measureNode('JSON.parse only', 'json-parse', speedscope),
  ]);

  const pprof = await pprofInput(dir, Math.min(MB, 100));
  report('pprof', pprof, measureNode('hotspot-lens', 'ours', pprof), [
    measureNode('pprof-format decode', 'pprof-format', pprof),
    measureCommand('go tool pprof -raw', ['go', 'tool', 'pprof', '-raw', pprof]),
  ]);

  // The assistant tools on a loaded profile (bench/assist.ts): their own process and heap.
  const assist = spawnSync(
    process.execPath,
    ['--max-old-space-size=8192', join(__dirname, 'assist.js'), String(Math.min(MB, 100))],
    { encoding: 'utf8', stdio: ['ignore', 'inherit', 'inherit'] },
  );
  if (assist.status !== 0) console.log('  assistant tools: over budget or failed (see above)');
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
