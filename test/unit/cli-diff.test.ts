import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { buildCli, cli as runCli, REPO } from './cli-support';
import { BASE_RAW, DIFF_FIXTURES, FAST_RAW, leafCounts } from './diff-support';

// The bundled CLI in a real process on the recorded py-spy pair (test/fixtures/diff). Golden
// outputs follow inferno: a missing golden file is written and the test fails, so it gets
// reviewed and committed.
const PROFILES = join(REPO, 'test/fixtures/profiles');
const cli = (...args: string[]) => runCli('diff', ...args);

function golden(name: string, actual: string): void {
  const path = join(DIFF_FIXTURES, name);
  if (!existsSync(path)) {
    writeFileSync(path, actual);
    assert.fail(`wrote missing golden ${path}; review and commit it`);
  }
  assert.equal(actual, readFileSync(path, 'utf8'), `differs from ${path}`);
}

interface JsonRow {
  name: string;
  file: string | null;
  baseSelf: number;
  newSelf: number;
  baseShare: number;
  newShare: number;
  delta: number;
}

describe('hotspot-lens diff (dist/cli.js)', function () {
  this.timeout(60000);
  // Always rebuilt: the goldens judge the current sources, not a dist/ left from earlier.
  before(buildCli);

  it('prints the golden JSON for the recorded pair, checksum as the biggest change', async () => {
    const r = await cli(BASE_RAW, FAST_RAW, '--json', '--top', '0');
    assert.equal(r.code, 0, r.stderr);
    golden('base-vs-fast.golden.json', r.stdout);
    const out = JSON.parse(r.stdout) as { rows: JsonRow[]; regressions: number };
    assert.deepEqual(Object.keys(out), ['rows', 'regressions']);
    for (const row of out.rows) {
      assert.deepEqual(Object.keys(row), [
        'name',
        'file',
        'baseSelf',
        'newSelf',
        'baseShare',
        'newShare',
        'delta',
      ]);
    }
    assert.equal(out.rows[0].name, 'checksum');
    assert.ok(out.rows[0].delta < -20);
    // The self weights against a naive reader of the raw files.
    const base = leafCounts(BASE_RAW);
    const next = leafCounts(FAST_RAW);
    const checksumBase = [...base.self].filter(([k]) => k.startsWith('checksum\u0000'));
    const checksumNext = [...next.self].filter(([k]) => k.startsWith('checksum\u0000'));
    assert.equal(out.rows[0].baseSelf, checksumBase[0][1]);
    assert.equal(out.rows[0].newSelf, checksumNext[0]?.[1] ?? 0);
    assert.equal(out.regressions, out.rows.filter((x) => x.delta > 0).length);
    const top3 = await cli(BASE_RAW, FAST_RAW, '--json', '--top', '3');
    assert.deepEqual(JSON.parse(top3.stdout).rows, out.rows.slice(0, 3));
  });

  it('prints the golden table of regressions and improvements', async () => {
    const r = await cli(BASE_RAW, FAST_RAW, '--top', '5');
    assert.equal(r.code, 0, r.stderr);
    golden('base-vs-fast.golden.txt', r.stdout);
    const improvements = r.stdout.slice(r.stdout.indexOf('Improvements'));
    assert.match(improvements.split('\n')[2], /^\s*−\d+\.\d\d pts .* checksum /);
  });

  it('exits 2 on a regression over the threshold, or only when the named function grew', async () => {
    const any = await cli(BASE_RAW, FAST_RAW, '--fail-on-regression', '5');
    assert.equal(any.code, 2, 'other functions gained share when checksum got cheaper');
    assert.match(any.stderr, /self share grew by \d+\.\d\d pts .* more than 5 pts/);
    const guarded = await cli(
      BASE_RAW,
      FAST_RAW,
      '--fail-on-regression',
      '5',
      '--function',
      'checksum',
    );
    assert.equal(guarded.code, 0, guarded.stderr);
    const back = await cli(
      FAST_RAW,
      BASE_RAW,
      '--fail-on-regression',
      '5',
      '--function',
      'checksum',
      '--json',
    );
    assert.equal(back.code, 2);
    assert.match(back.stderr, /checksum \(.*workload\.py\) self share grew/);
    const json = JSON.parse(back.stdout) as { rows: JsonRow[]; regressions: number };
    assert.deepEqual(
      json.rows.map((x) => x.name),
      ['checksum'],
    );
    assert.equal(json.regressions, 1);
    const lenient = await cli(FAST_RAW, BASE_RAW, '--fail-on-regression', '99', '--json');
    assert.equal(lenient.code, 0, lenient.stderr);
    assert.equal(JSON.parse(lenient.stdout).regressions, 0);
  });

  it('fails with exit 1 on unusable input and exit 2 on bad usage', async () => {
    const heap = join(PROFILES, 'pprof-own-go/go-simple.heap.pb.gz');
    const cpu = join(PROFILES, 'pprof-own-go/go-simple.cpu.pb.gz');
    const noCommon = await cli(heap, cpu);
    assert.equal(noCommon.code, 1);
    assert.match(noCommon.stderr, /share no value type/);
    const byName = await cli(heap, heap, '--value', 'alloc_space', '--json');
    assert.equal(byName.code, 0, byName.stderr);
    assert.ok(JSON.parse(byName.stdout).rows.every((x: JsonRow) => x.delta === 0));
    const missing = await cli(BASE_RAW, join(DIFF_FIXTURES, 'no-such.raw.txt'));
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /no-such\.raw\.txt: no such file/);
    const unknownFn = await cli(BASE_RAW, FAST_RAW, '--function', 'no_such_function');
    assert.equal(unknownFn.code, 1);
    assert.match(unknownFn.stderr, /in neither profile/);
    for (const args of [
      [BASE_RAW],
      [BASE_RAW, FAST_RAW, '--fail-on-regression', 'five'],
      [BASE_RAW, FAST_RAW, '--value', 'alloc_space'],
      [BASE_RAW, FAST_RAW, '--top', '-1'],
      [BASE_RAW, FAST_RAW, '--bogus'],
    ]) {
      const r = await cli(...args);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr, /Usage: hotspot-lens diff/);
    }
    const help = await cli('--help');
    assert.equal(help.code, 0);
    assert.match(help.stdout, /--fail-on-regression PCT/);
  });
});
