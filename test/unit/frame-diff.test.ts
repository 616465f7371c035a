import assert from 'node:assert/strict';
import { attribute } from '../../src/core/attribution';
import { diffProfiles } from '../../src/core/diff';
import { baselineFrameDiff, frameDiff } from '../../src/core/diff/frame-diff';
import { importProfileFile } from '../../src/core/import/index';
import { BASE_RAW, FAST_RAW, leafCounts } from './diff-support';

// The per-frame numbers of the differential flamegraph on the recorded py-spy pair.

describe('frameDiff', () => {
  it('gives every frame of the new profile its function’s change and baseline share', async () => {
    const base = await importProfileFile(BASE_RAW);
    const next = await importProfileFile(FAST_RAW);
    const diff = diffProfiles(base, next);
    const fnOf = attribute(next).functionOfFrame;
    const d = frameDiff(diff, fnOf);
    assert.equal(d.delta.length, next.frames.length);
    const baseLeaves = leafCounts(BASE_RAW);
    let checked = 0;
    next.frames.forEach((frame, f) => {
      const row = diff.rows.find((r) => r.key === fnOf[f] && r.status !== 'removed');
      if (!row) {
        assert.equal(d.delta[f], 0);
        return;
      }
      assert.equal(d.delta[f], row.delta);
      assert.equal(d.baseShare[f], row.baseShare);
      if (frame.name === 'checksum') {
        // Independently: checksum's self share in the baseline file, from its raw text.
        const self = [...baseLeaves.self]
          .filter(([k]) => k.startsWith('checksum\u0000'))
          .reduce((s, [, n]) => s + n, 0);
        assert.ok(Math.abs(d.baseShare[f] - (100 * self) / baseLeaves.total) < 1e-9);
        assert.ok(d.delta[f] < -20, 'checksum is the big win');
        checked++;
      }
    });
    assert.ok(checked > 0, 'checksum frames were seen');
  });

  it('gives every frame of the baseline its function’s change, keyed by its own paths', async () => {
    const base = await importProfileFile(BASE_RAW);
    const next = await importProfileFile(FAST_RAW);
    const diff = diffProfiles(base, next);
    const fnOf = attribute(base).functionOfFrame;
    const d = baselineFrameDiff(diff, fnOf);
    assert.equal(d.delta.length, base.frames.length);
    const byBaseKey = new Map(
      diff.rows
        .filter((r) => r.status !== 'added')
        .map((r) => [`${r.name}\u0000${r.baseFile ?? r.file ?? ''}`, r]),
    );
    let checked = 0;
    base.frames.forEach((frame, f) => {
      const row = byBaseKey.get(fnOf[f]);
      assert.equal(d.delta[f], row?.delta ?? 0, `${frame.name} ${frame.file}`);
      assert.equal(d.baseShare[f], row?.baseShare ?? 0);
      if (frame.name === 'checksum') {
        // The captures ran in different folders: the baseline's frame is under /srv/app, the
        // row's file under /home/dev/app, and the change still reaches the baseline's frame.
        assert.ok(frame.file?.includes('/srv/app/'), frame.file);
        assert.ok(d.delta[f] < -20, 'checksum is the big win in the baseline’s shape too');
        assert.ok(d.baseShare[f] > 50);
        checked++;
      }
    });
    assert.ok(checked > 0, 'checksum frames were seen');
  });
});
