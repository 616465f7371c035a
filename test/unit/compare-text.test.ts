import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { attribute } from '../../src/core/attribution';
import { diffProfiles } from '../../src/core/diff';
import { importProfileFile } from '../../src/core/import/index';
import { ago, listCaptures } from '../../src/editor/compare/baseline-files';
import {
  DIFF_LEVELS,
  diffBucket,
  formatPoints,
  withAdded,
  withDelta,
} from '../../src/editor/compare/compare-text';
import { functionSummary } from '../../src/editor/format';
import type { LoadedProfile } from '../../src/editor/loaded-profile';
import { BASE_RAW, FAST_RAW } from './diff-support';

// The vscode-free parts of "Compare With Baseline": lens text, heat levels, the capture list.

describe('compare: lens text and heat levels', () => {
  it('writes deltas in points with a real minus sign', () => {
    assert.equal(formatPoints(-18.44), '−18.4 pts');
    assert.equal(formatPoints(3), '+3.0 pts');
    assert.equal(formatPoints(-0.04), '±0.0 pts');
    assert.equal(formatPoints(0), '±0.0 pts');
  });

  it('puts the change after the self share of the real lens text', async () => {
    const profile = await importProfileFile(FAST_RAW);
    const base = await importProfileFile(BASE_RAW);
    const attribution = attribute(profile);
    // Only what functionSummary reads of a loaded profile.
    const loaded = { profile, attribution, valueIndex: attribution.valueIndex } as LoadedProfile;
    const stat = attribution.byFunction.find((f) => f.name === 'checksum')!;
    const row = diffProfiles(base, profile).rows.find((r) => r.key === stat.key)!;
    const title = functionSummary(loaded, stat);
    const lens = withDelta(title, row.delta);
    const self = ((100 * stat.self) / attribution.total).toFixed(1);
    assert.equal(
      lens,
      title.replace(`${self}% self`, `${self}% self (${formatPoints(row.delta)} vs baseline)`),
    );
    assert.match(lens, /^🔥 .*% self \(−\d+\.\d pts vs baseline\)/);
    assert.equal(
      withAdded('🔥 1.0% total · 0.5% self · 3 samples'),
      '🔥 1.0% total · 0.5% self (new since baseline) · 3 samples',
    );
    assert.equal(withDelta('no share here', 2), 'no share here (+2.0 pts vs baseline)');
  });

  it('colours changes of a point or more, stronger for bigger ones', () => {
    assert.equal(diffBucket(0.99), undefined);
    assert.equal(diffBucket(-0.5), undefined);
    DIFF_LEVELS.forEach((level, i) => {
      assert.equal(diffBucket(level), i);
      assert.equal(diffBucket(-level), i);
    });
    assert.equal(diffBucket(-99), DIFF_LEVELS.length - 1);
  });
});

describe('compare: earlier captures', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hotspot-lens-captures-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('lists capture files newest first, without side files, empty files or folders', async () => {
    const now = Date.now() / 1000;
    const files: [string, string, number][] = [
      ['20261126-1000-py-spy-app.raw.txt', 'a;b 1\n', now - 7200],
      ['20261126-1100-py-spy-app.raw.txt', 'a;b 2\n', now - 60],
      ['20261126-1100-perf-app.perf.txt', 'x', now - 3600],
      ['20261126-1100-py-spy-app.log', 'log', now],
      ['.hidden.raw.txt', 'a 1\n', now],
      ['empty.raw.txt', '', now],
    ];
    for (const [name, text, t] of files) {
      writeFileSync(join(dir, name), text);
      utimesSync(join(dir, name), t, t);
    }
    mkdirSync(join(dir, 'sub.raw.txt'));
    const list = await listCaptures(dir);
    assert.deepEqual(
      list.map((c) => c.name),
      [
        '20261126-1100-py-spy-app.raw.txt',
        '20261126-1100-perf-app.perf.txt',
        '20261126-1000-py-spy-app.raw.txt',
      ],
    );
    assert.equal(list[0].path, join(dir, list[0].name));
    assert.equal(list[0].size, 6);
    assert.deepEqual(await listCaptures(join(dir, 'missing')), []);
  });

  it('says how long ago a capture was taken', () => {
    const now = 1_000_000_000_000;
    assert.equal(ago(now - 5_000, now), '5 s ago');
    assert.equal(ago(now - 3 * 60_000, now), '3 min ago');
    assert.equal(ago(now - 2 * 3_600_000, now), '2 h ago');
    assert.equal(ago(now - 86_400_000, now), '1 day ago');
    assert.equal(ago(now - 4 * 86_400_000, now), '4 days ago');
    assert.equal(ago(now + 5_000, now), '0 s ago');
  });
});
