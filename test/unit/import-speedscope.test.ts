import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { SNIFF_BYTES } from '../../src/core/import/importer';
import { importProfile, rankImporters } from '../../src/core/import/index';
import { speedscopeImporter } from '../../src/core/import/speedscope';
import { frameLabel, type Profile } from '../../src/core/model';
import { bytesSource, fileSource } from '../../src/core/source';
import { assertClose, checkGolden, expectedSummary, PROFILES, selfBy } from './text-import-support';

const VALID = [
  ...readdirSync(join(PROFILES, 'speedscope'))
    .filter((f) => f.endsWith('.speedscope.json'))
    .map((f) => `speedscope/${f}`),
  ...readdirSync(join(PROFILES, 'pyspy-own'))
    .filter((f) => f.endsWith('.speedscope.json'))
    .map((f) => `pyspy-own/${f}`),
].sort();

interface Summary {
  exporter: string | null;
  profiles: number;
  sum_weights_all_profiles: number;
  profile_summaries: { name: string; type: string; samples?: number; events?: number }[];
  top5_self_all_profiles: [string, number][];
}

function fixtureJson(rel: string): { profiles: Record<string, unknown>[]; shared: unknown } {
  return JSON.parse(readFileSync(join(PROFILES, rel), 'utf8'));
}

function source(name: string, json: unknown) {
  return bytesSource(name, Buffer.from(JSON.stringify(json)));
}

describe('speedscope importer', () => {
  for (const rel of VALID) {
    describe(rel, () => {
      const summary = expectedSummary(rel) as unknown as Summary;
      let profile: Profile;
      before(async () => {
        profile = await importProfile(await fileSource(join(PROFILES, rel)));
      });

      it('matches the independent reader: profiles as threads, weights, records, top self', () => {
        assert.equal(profile.meta.format, 'speedscope');
        assert.equal(profile.meta.tool, summary.exporter ?? undefined);
        assert.deepEqual(
          profile.threads.map((t) => t.name),
          summary.profile_summaries.map((p) => p.name),
        );
        const total = profile.totals.reduce((a, b) => a + b, 0);
        assertClose(total, summary.sum_weights_all_profiles, 'sum of weights');
        // Sampled: one record per sample; evented: one per O event (half the balanced events).
        const records = summary.profile_summaries.reduce(
          (n, p) => n + (p.type === 'sampled' ? p.samples! : p.events! / 2),
          0,
        );
        assert.equal(profile.meta.sampleRecords, records);
        const self = selfBy(profile, frameLabel);
        for (const [label, weight] of summary.top5_self_all_profiles) {
          assertClose(self.get(label) ?? 0, weight, `self of ${label}`);
        }
      });

      it('keeps a timeline in time order', () => {
        const timeline = profile.timeline;
        assert.ok(timeline && timeline.node.length > 0);
        for (let i = 1; i < timeline.timeNanos.length; i++) {
          assert.ok(timeline.timeNanos[i] >= timeline.timeNanos[i - 1], `time order at ${i}`);
        }
      });

      it('matches the golden collapsed dump', () => checkGolden(rel, profile));

      it('is sniffed by content under a neutral name', async () => {
        const bytes = readFileSync(join(PROFILES, rel));
        assert.equal(
          rankImporters('upload.json', bytes.subarray(0, SNIFF_BYTES))[0],
          speedscopeImporter,
        );
        const again = await importProfile(bytesSource('upload.json', bytes));
        assert.deepEqual(again.totals, profile.totals);
      });
    });
  }

  it('reads py-spy files: cpu/seconds, thread ids, python and native frames, no line 0', async () => {
    const p = await importProfile(
      await fileSource(join(PROFILES, 'pyspy-own/native.speedscope.json')),
    );
    assert.deepEqual(p.valueTypes, [{ type: 'cpu', unit: 'seconds' }]);
    assert.deepEqual(p.threads[2], { name: 'Thread 17614 "worker"', pid: undefined, tid: 17614 });
    const sha = p.frames.find((f) => f.name === 'SHA256_Update');
    assert.deepEqual(
      [sha?.kind, sha?.file, sha?.line],
      ['native', '/usr/lib/x86_64-linux-gnu/libcrypto.so.3', undefined],
    );
    const loop = p.frames.find((f) => f.name === 'pure_python_loop');
    assert.equal(loop?.kind, 'python');
    assert.ok(p.frames.every((f) => f.line === undefined || f.line > 0));
  });

  it('recognises py-spy process/thread pseudo-frames and Process/Thread names', async () => {
    const json = {
      $schema: 'https://www.speedscope.app/file-format-schema.json',
      exporter: 'py-spy@0.4.2',
      shared: {
        frames: [
          { name: 'process 18305:"python3 app.py"', file: '', line: 0, col: null },
          { name: 'thread (18305)', file: '', line: 0, col: null },
          { name: 'main', file: '/x/app.py', line: null, col: null },
        ],
      },
      profiles: [
        {
          type: 'sampled',
          name: 'Process 18305 Thread 18306 "w"',
          unit: 'seconds',
          startValue: 0,
          endValue: 0.02,
          samples: [
            [0, 1, 2],
            [0, 1],
          ],
          weights: [0.01, 0.01],
        },
      ],
    };
    const p = await importProfile(source('x.speedscope.json', json));
    assert.deepEqual(
      p.frames.map((f) => [f.kind, f.file, f.line]),
      [
        ['process', undefined, undefined],
        ['thread', undefined, undefined],
        ['python', '/x/app.py', undefined],
      ],
    );
    assert.deepEqual(p.threads[0], {
      name: 'Process 18305 Thread 18306 "w"',
      pid: 18305,
      tid: 18306,
    });
    assert.deepEqual([...p.timeline!.timeNanos], [0, 1e7]);
  });

  it('gives profiles with different units different value types', async () => {
    const json = fixtureJson('speedscope/speedscope-0.6.0-two-sampled.speedscope.json');
    json.profiles[1].unit = 'bytes';
    const p = await importProfile(source('units.speedscope.json', json));
    assert.deepEqual(p.valueTypes, [
      { type: 'weight', unit: 'seconds' },
      { type: 'weight', unit: 'bytes' },
    ]);
    assert.deepEqual(p.totals, [14, 14]);
  });
});
