import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { cli, cliJson, ensureCliBuilt, REPO } from './cli-support';

// The real bundled CLI in a real process, on the real fixtures; expectations come from
// test/fixtures/profiles/EXPECTED.json, written by an independent reader.
const FIXTURES = join(REPO, 'test/fixtures/profiles');
const EXPECTED = JSON.parse(readFileSync(join(FIXTURES, 'EXPECTED.json'), 'utf8'));
const expected = (rel: string) => EXPECTED[rel].summary;
const json = cliJson;

const fx = (rel: string) => join(FIXTURES, rel);

describe('hotspot-lens summary (dist/cli.js)', function () {
  this.timeout(60000);
  before(ensureCliBuilt);

  it('summarises py-spy raw: samples, totals, hottest frames resolved under --root', async () => {
    const rel = 'pyspy-own/default.raw.txt';
    const s = await json('summary', fx(rel), '--top', '5', '--root', FIXTURES);
    const e = expected(rel);
    assert.equal(s.format, 'pyspy-raw');
    assert.equal(s.samples, e.total);
    assert.deepEqual(s.values, [
      { type: s.values[0].type, unit: s.values[0].unit, total: e.total },
    ]);
    assert.equal(s.value, 0);
    assert.ok(s.frames >= e.distinct_frames);
    assert.deepEqual(
      s.top.map((t: { name: string; file: string; line: number; self: number }) => [
        `${t.name} (${t.file}:${t.line})`,
        t.self,
      ]),
      e.top5_self,
    );
    assert.equal(s.top[0].resolved, 'pyspy-own/src/workload.py');
    assert.equal(s.top[3].resolved, 'pyspy-own/src/helpers.py');
    for (const t of s.top) assert.ok(t.total >= t.self && t.total <= e.total);
  });

  it('ranks source lines with --by line and names them by their hottest frame', async () => {
    const rel = 'pyspy-own/default.raw.txt';
    const s = await json('summary', fx(rel), '--by', 'line', '--top', '5');
    const e = expected(rel);
    assert.deepEqual(
      s.top.map((t: { file: string; line: number; self: number }) => [
        `${t.file}:${t.line}`,
        t.self,
      ]),
      e.top5_self_file_line,
    );
    assert.equal(s.top[0].name, 'pure_python_loop');
    assert.equal(s.top[0].resolved, null, 'no --root, nothing resolved');
  });

  it('chooses pprof value types by name or index and groups by function', async () => {
    const rel = 'pprof-own-go/go-simple.heap.pb.gz';
    const e = expected(rel);
    const byName = await json(
      'summary',
      fx(rel),
      '--by',
      'function',
      '--value',
      'alloc_objects',
      '--top',
      '5',
    );
    assert.equal(byName.format, 'pprof');
    assert.equal(byName.samples, e.samples);
    assert.deepEqual(
      byName.values.map((v: { type: string; unit: string }) => `${v.type}/${v.unit}`),
      e.sample_types,
    );
    assert.deepEqual(
      byName.values.map((v: { total: number }) => v.total),
      e.totals,
    );
    assert.equal(byName.value, 0);
    assert.deepEqual(
      byName.top.map((t: { name: string; self: number }) => [t.name, t.self]),
      e.top5_flat_function_value0,
    );
    const byIndex = await json(
      'summary',
      fx(rel),
      '--by',
      'function',
      '--value',
      '0',
      '--top',
      '5',
    );
    assert.deepEqual(byIndex, byName);
    const lines = await json('summary', fx(rel), '--by', 'line', '--value', '0', '--top', '5');
    assert.deepEqual(
      lines.top.map((t: { file: string; line: number; self: number }) => [
        `${t.file}:${t.line}`,
        t.self,
      ]),
      e.top5_flat_file_line_value0,
    );
  });

  it('reads perf script, collapsed and speedscope files', async () => {
    const perf = expected('perf-own/hot.fp.perf.txt');
    const p = await json('summary', fx('perf-own/hot.fp.perf.txt'), '--top', '2');
    assert.equal(p.format, 'perf-script');
    assert.equal(p.samples, perf.samples);
    assert.equal(p.values[p.value].total, perf.weight_first_event);
    assert.deepEqual(
      p.top.map((t: { name: string; self: number }) => [t.name, t.self]),
      perf.top5_self_by_weight_first_event.slice(0, 2),
    );

    const c = await json('summary', fx('collapsed/speedscope-recursion.txt'));
    assert.equal(c.format, 'collapsed');
    assert.deepEqual(
      c.top.map((t: { name: string; self: number }) => [t.name, t.self]),
      expected('collapsed/speedscope-recursion.txt').top5_self,
    );
    for (const t of c.top) assert.ok(t.total <= c.values[0].total, 'recursion counted once');

    const rel = 'speedscope/speedscope-0.6.0-two-sampled.speedscope.json';
    const sp = await json('summary', fx(rel), '--top', '0');
    assert.equal(sp.format, 'speedscope');
    assert.equal(sp.values[sp.value].total, expected(rel).sum_weights_all_profiles);
    assert.deepEqual(
      sp.top.map((t: { name: string; self: number }) => [t.name, t.self]).slice(0, 3),
      expected(rel).top5_self_all_profiles,
    );
  });

  it('applies --map to settle an ambiguous path', async () => {
    const root = mkdtempSync(join(tmpdir(), 'hl-cli-'));
    try {
      for (const dir of ['app', 'old']) {
        mkdirSync(join(root, dir));
        copyFileSync(fx('pyspy-own/src/workload.py'), join(root, dir, 'workload.py'));
      }
      const rel = 'pyspy-own/default.speedscope.json';
      const plain = await json('summary', fx(rel), '--top', '1', '--root', root);
      assert.equal(plain.top[0].file, '/srv/build/pyspy_simple/workload.py');
      assert.equal(plain.top[0].resolved, null, 'two equally good candidates');
      const mapped = await json(
        'summary',
        fx(rel),
        '--top',
        '1',
        '--root',
        root,
        '--map',
        '/srv/build/pyspy_simple=app',
      );
      assert.equal(mapped.top[0].resolved, 'app/workload.py');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('prints a table with the format, value type, total and percentages', async () => {
    const rel = 'pyspy-own/default.raw.txt';
    const r = await cli('summary', fx(rel), '--top', '3');
    assert.equal(r.code, 0, r.stderr);
    const [first, second] = r.stdout.split('\n');
    assert.match(first, /pyspy-raw/);
    assert.match(second, /total 709/);
    const [name, self] = expected(rel).top5_self[0];
    const row = r.stdout.split('\n').find((l) => l.includes('workload.py:22'))!;
    assert.ok(
      row.includes(name.split(' ')[0]) && row.includes(`${((100 * self) / 709).toFixed(2)}%`),
      row,
    );
  });
});
