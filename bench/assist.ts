// The assistant tools on a big profile that is already loaded (the editor's and the MCP server's
// case: the profile was imported and attributed once, then a model calls `hotspots` again and
// again). Budget: `hotspots` answers in under 50 ms (median). Run by `npm run bench` (its last
// section) or alone: `node out/bench/assist.js [MB]`. Not a timed test: timings on a shared
// machine belong in a benchmark's printout, not in a pass/fail unit test.
import { join } from 'path';
import type { AssistHost } from '../src/assist/host';
import { ProfileCatalog } from '../src/assist/profile-catalog';
import { callTool, resultParts } from '../src/assist/registry';
import { Workspace } from '../src/assist/workspace';
import { listWorkspaceFiles } from '../src/cli/workspace-files';
import { importProfileFile } from '../src/core/import/index';
import { benchDir, manyServicesInput, sizeMB } from './inputs';

const BUDGET_MS = 50;
const RUNS = 21;
const WORKSPACE = join(__dirname, '..', '..', 'test', 'fixtures', 'workspace');

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function timed(f: () => Promise<unknown>): Promise<number> {
  const t0 = process.hrtime.bigint();
  await f();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

async function main(): Promise<void> {
  const mb = Number(process.argv[2] ?? process.env.BENCH_MB ?? 100);
  const file = await manyServicesInput(benchDir(), mb);
  const t0 = Date.now();
  const profile = await importProfileFile(file);
  const t1 = Date.now();
  const workspace = new Workspace(WORKSPACE, await listWorkspaceFiles(WORKSPACE));
  const profiles = new ProfileCatalog(workspace);
  // What the editor does once per loaded profile: attribution and each function's file resolved.
  const loaded = profiles.put(file, profile);
  profiles.current = file;
  const host: AssistHost = { workspace, profiles };
  console.log(
    `\nassistant tools: ${file} (${sizeMB(file).toFixed(1)} MB, ${loaded.functions.length} functions, ` +
      `${profile.nodeCount} nodes); imported in ${t1 - t0} ms, attributed and resolved once in ` +
      `${Date.now() - t1} ms; then each call, median of ${RUNS} after the first (text + JSON):`,
  );
  const cases: [string, Record<string, unknown>, boolean][] = [
    ['hotspots', {}, true],
    ['hotspots', { workspaceOnly: true }, true],
    ['hotspots', { file: 'helpers.py' }, true],
    ['hotspots', { sortBy: 'total', limit: 50 }, true],
    ['line_breakdown', { function: loaded.functions[0].stat.name }, false],
  ];
  let over = 0;
  for (const [tool, args, budgeted] of cases) {
    // As a front door answers: the call, then its text and JSON.
    const call = async () => resultParts(await callTool(host, tool, args));
    const first = await timed(call);
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) times.push(await timed(call));
    const m = median(times);
    const verdict = !budgeted ? '(no budget)' : m < BUDGET_MS ? 'ok' : 'OVER BUDGET';
    if (budgeted && m >= BUDGET_MS) over++;
    console.log(
      `  ${`${tool} ${JSON.stringify(args)}`.padEnd(58)} median ${m.toFixed(2).padStart(7)} ms` +
        `  first ${first.toFixed(1).padStart(7)} ms  ${budgeted ? `budget ${BUDGET_MS} ms: ` : ''}${verdict}`,
    );
  }
  if (over > 0) process.exitCode = 1;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
