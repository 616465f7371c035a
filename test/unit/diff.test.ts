import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import {
  DiffError,
  diffProfiles,
  improvementsOf,
  regressionsOf,
  rowsByKey,
  type ProfileDiff,
} from '../../src/core/diff';
import { importProfile, importProfileFile } from '../../src/core/import/index';
import type { Profile } from '../../src/core/model';
import { bytesSource } from '../../src/core/source';
import {
  BASE_RAW,
  FAST_RAW,
  hasPySpy,
  leafCounts,
  recordPySpy,
  WORKLOAD,
  type LeafCounts,
} from './diff-support';

const PROFILES = join(__dirname, '../../../test/fixtures/profiles');

function raw(name: string, lines: string[]): Promise<Profile> {
  return importProfile(bytesSource(name, new TextEncoder().encode(lines.join('\n') + '\n')));
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/** Every row's self weights equal the oracle's leaf counts, and every oracle leaf has a row. */
function checkAgainstOracle(diff: ProfileDiff, base: LeafCounts, next: LeafCounts): void {
  assert.equal(diff.baseTotal, base.total);
  assert.equal(diff.newTotal, next.total);
  const seenBase = new Set<string>();
  const seenNext = new Set<string>();
  for (const r of diff.rows) {
    const bKey = `${r.name}\u0000${r.baseFile ?? r.file ?? ''}`;
    const nKey = `${r.name}\u0000${r.file ?? ''}`;
    if (r.status !== 'added') seenBase.add(bKey);
    if (r.status !== 'removed') seenNext.add(nKey);
    assert.equal(r.baseSelf, r.status === 'added' ? 0 : (base.self.get(bKey) ?? 0), bKey);
    assert.equal(r.newSelf, r.status === 'removed' ? 0 : (next.self.get(nKey) ?? 0), nKey);
    assert.ok(Math.abs(r.delta - (r.newShare - r.baseShare)) < 1e-9);
    assert.ok(Math.abs(r.baseShare - (100 * r.baseSelf) / base.total) < 1e-9);
  }
  for (const k of base.self.keys()) assert.ok(seenBase.has(k), `base leaf ${k} has no row`);
  for (const k of next.self.keys()) assert.ok(seenNext.has(k), `new leaf ${k} has no row`);
  // Shares of all self weight add up to 100% on each side, so the deltas cancel out.
  assert.ok(Math.abs(sum(diff.rows.map((r) => r.baseShare)) - 100) < 1e-6);
  assert.ok(Math.abs(sum(diff.rows.map((r) => r.newShare)) - 100) < 1e-6);
  assert.ok(Math.abs(sum(diff.rows.map((r) => r.delta))) < 1e-6);
}

describe('diffProfiles', () => {
  it('names the optimised function as the biggest improvement in the recorded pair', async () => {
    const diff = diffProfiles(await importProfileFile(BASE_RAW), await importProfileFile(FAST_RAW));
    checkAgainstOracle(diff, leafCounts(BASE_RAW), leafCounts(FAST_RAW));
    assert.deepEqual(diff.valueType, { type: 'samples', unit: 'count' });
    const best = improvementsOf(diff)[0];
    assert.equal(best.name, 'checksum');
    assert.equal(best.status, 'changed');
    // Recorded from two checkouts: /tmp/hl-diff/srv/app and /tmp/hl-diff/home/dev/app.
    assert.match(best.file!, /home\/dev\/app\/workload\.py$/);
    assert.match(best.baseFile!, /srv\/app\/workload\.py$/);
    for (const name of ['parse_rows', 'format_report', 'checksum']) {
      const rows = diff.rows.filter((r) => r.name === name);
      assert.equal(rows.length, 1, name);
      assert.equal(rows[0].status, 'changed', name);
    }
    const byKey = rowsByKey(diff);
    assert.equal(byKey.get(best.key), best);
  });

  it('compares a profile with itself as all unchanged', async () => {
    const p = await importProfileFile(join(PROFILES, 'pyspy-own/default.raw.txt'));
    const diff = diffProfiles(p, p);
    assert.ok(diff.rows.length > 3);
    for (const r of diff.rows) {
      assert.equal(r.status, 'changed');
      assert.equal(r.delta, 0);
      assert.equal(r.baseSelf, r.newSelf);
      assert.equal(r.baseTotalShare, r.newTotalShare);
      assert.equal(r.baseFile, undefined);
    }
    assert.deepEqual(regressionsOf(diff), []);
  });

  it('ignores lines, pairs moved files by the longest unique path suffix', async () => {
    const base = await raw('base.raw.txt', [
      'main (/srv/a/run.py:1);f (/srv/a/x/util.py:10) 6',
      'main (/srv/a/run.py:1);f (/srv/a/y/util.py:10) 2',
      'main (/srv/a/run.py:1);g (/srv/a/one/lib.py:3) 1',
      'main (/srv/a/run.py:1);g (/srv/a/two/lib.py:3) 1',
    ]);
    const next = await raw('next.raw.txt', [
      'main (/home/b/run.py:7);f (/home/b/y/util.py:40) 5',
      'main (/home/b/run.py:7);f (/home/b/x/util.py:44) 3',
      'main (/home/b/run.py:7);g (/home/b/lib.py:9) 2',
    ]);
    const diff = diffProfiles(base, next);
    const find = (name: string, file: string) =>
      diff.rows.find((r) => r.name === name && r.file === file);
    const fx = find('f', '/home/b/x/util.py')!;
    assert.deepEqual(
      [fx.baseFile, fx.baseSelf, fx.newSelf, fx.status],
      ['/srv/a/x/util.py', 6, 3, 'changed'],
    );
    const fy = find('f', '/home/b/y/util.py')!;
    assert.deepEqual([fy.baseFile, fy.baseSelf, fy.newSelf], ['/srv/a/y/util.py', 2, 5]);
    assert.equal(fy.delta, 50 - 20);
    const main = find('main', '/home/b/run.py')!;
    assert.deepEqual([main.status, main.baseTotalShare, main.newTotalShare], ['changed', 100, 100]);
    // Two equally good baselines for g: no guess, both removed and the new one added.
    assert.deepEqual(
      diff.rows.filter((r) => r.name === 'g').map((r) => [r.status, r.file, r.delta]),
      [
        ['added', '/home/b/lib.py', 20],
        ['removed', '/srv/a/one/lib.py', -10],
        ['removed', '/srv/a/two/lib.py', -10],
      ],
    );
    assert.deepEqual(
      regressionsOf(diff, 5).map((r) => r.name),
      ['f', 'g'],
    );
  });

  it('matches frames without a file by name only', async () => {
    const base = await raw('a.txt', ['main;work 3', 'main;idle 1']);
    const next = await raw('b.txt', ['main;work 1', 'main;io 1']);
    const diff = diffProfiles(base, next);
    assert.deepEqual(
      diff.rows.map((r) => [r.name, r.status, r.delta]),
      [
        ['io', 'added', 50],
        ['idle', 'removed', -25],
        ['work', 'changed', 50 - 75],
        ['main', 'changed', 0],
      ],
    );
  });

  it('compares the value type of the same type and unit, and refuses when there is none', async () => {
    const heap = await importProfileFile(join(PROFILES, 'pprof-own-go/go-simple.heap.pb.gz'));
    const cpu = await importProfileFile(join(PROFILES, 'pprof-own-go/go-simple.cpu.pb.gz'));
    const space = heap.valueTypes.findIndex((v) => v.type === 'alloc_space');
    const d = diffProfiles(heap, heap, { valueIndex: space });
    assert.deepEqual([d.baseValueIndex, d.newValueIndex], [space, space]);
    assert.equal(d.valueType.unit, 'bytes');
    assert.throws(() => diffProfiles(heap, cpu), DiffError);
    assert.throws(
      () => diffProfiles(cpu, heap, { valueIndex: space }),
      /baseline has no alloc_space\/bytes/,
    );
  });
});

describe('diffProfiles on live py-spy captures', function () {
  this.timeout(60_000);
  let dir: string;
  before(function () {
    if (!hasPySpy()) {
      console.log('      skipped: py-spy is not installed (python3 -m pip install py-spy)');
      this.skip();
    }
    dir = mkdtempSync(join(tmpdir(), 'hotspot-lens-diff-'));
  });
  after(() => dir && rmSync(dir, { recursive: true, force: true }));

  it('records the workload twice and finds the --fast function as the biggest win', async () => {
    // The optimised run comes from another directory, as a fix deployed elsewhere would.
    mkdirSync(join(dir, 'fixed'));
    const moved = join(dir, 'fixed', 'workload.py');
    copyFileSync(WORKLOAD, moved);
    const basePath = join(dir, 'base.raw.txt');
    const fastPath = join(dir, 'fast.raw.txt');
    await recordPySpy(basePath, WORKLOAD, []);
    await recordPySpy(fastPath, moved, ['--fast']);
    const diff = diffProfiles(await importProfileFile(basePath), await importProfileFile(fastPath));
    checkAgainstOracle(diff, leafCounts(basePath), leafCounts(fastPath));
    const best = improvementsOf(diff)[0];
    assert.equal(best.name, 'checksum', JSON.stringify(diff.rows.slice(0, 5)));
    // The fast checksum may be too quick to be sampled at all; then it is 'removed'.
    assert.equal(best.baseFile ?? best.file, WORKLOAD);
    assert.ok(best.baseShare > best.newShare);
    for (const name of ['parse_rows', 'format_report']) {
      const row = diff.rows.find((r) => r.name === name)!;
      assert.deepEqual([row.status, row.file, row.baseFile], ['changed', moved, WORKLOAD], name);
    }
  });
});
