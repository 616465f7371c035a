import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { gunzipSync } from 'zlib';
import { Profile as PprofProfile } from 'pprof-format';
import { SNIFF_BYTES } from '../../src/core/import/importer';
import { importProfile, rankImporters } from '../../src/core/import/index';
import { pprofImporter } from '../../src/core/import/pprof';
import type { Frame, Profile } from '../../src/core/model';
import { bytesSource, fileSource } from '../../src/core/source';
import { checkGolden, expectedSummary, PROFILES } from './text-import-support';

const FIXTURES = ['pprof', 'pprof-own-go'].flatMap((folder) =>
  readdirSync(join(PROFILES, folder))
    .filter((f) => /\.(pb\.gz|pprof|prof)$/.test(f))
    .sort()
    .map((f) => `${folder}/${f}`),
);

function rawBytes(rel: string): Buffer {
  const bytes = readFileSync(join(PROFILES, rel));
  return bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes;
}

/** Self weight of value 0 per label, summed over nodes (pprof "flat"). */
function flatBy(profile: Profile, label: (f: Frame) => string | undefined): Map<string, number> {
  const out = new Map<string, number>();
  for (let n = 1; n < profile.nodeCount; n++) {
    const key = label(profile.frames[profile.nodeFrame[n]]);
    if (key !== undefined) out.set(key, (out.get(key) ?? 0) + profile.nodeSelf[0][n]);
  }
  return out;
}

describe('pprof importer', () => {
  for (const rel of FIXTURES) {
    describe(rel, () => {
      const summary = expectedSummary(rel) as {
        samples: number;
        totals: number[];
        sample_types: string[];
        top5_flat_function_value0: [string, number][];
        top5_flat_file_line_value0: [string, number][];
        locations_with_inlined_lines: number;
      };
      let profile: Profile;
      before(async () => {
        profile = await importProfile(await fileSource(join(PROFILES, rel)));
      });

      it('matches the independent reader: sample types, samples, totals, top flat entries', () => {
        assert.equal(profile.meta.format, 'pprof');
        assert.deepEqual(
          profile.valueTypes.map((v) => `${v.type}/${v.unit}`),
          summary.sample_types,
        );
        assert.equal(profile.meta.sampleRecords, summary.samples);
        assert.deepEqual(profile.totals, summary.totals);
        const byName = flatBy(profile, (f) => f.name);
        for (const [name, value] of summary.top5_flat_function_value0) {
          assert.equal(byName.get(name), value, `flat ${name}`);
        }
        // The reader writes `:0` for frames without file and line.
        const byLine = flatBy(profile, (f) => `${f.file ?? ''}:${f.line ?? 0}`);
        for (const [line, value] of summary.top5_flat_file_line_value0) {
          assert.equal(byLine.get(line), value, `flat ${line}`);
        }
      });

      it('agrees with pprof-format on sample count and totals per sample type', () => {
        const reference = PprofProfile.decode(rawBytes(rel));
        assert.equal(profile.meta.sampleRecords, reference.sample.length);
        const totals = reference.sampleType.map((_, i) =>
          reference.sample.reduce(
            (sum, s) => sum + Number(BigInt.asIntN(64, BigInt(s.value[i]))),
            0,
          ),
        );
        assert.deepEqual(profile.totals, totals);
      });

      it('marks inlined frames only where Location.line has several entries', () => {
        const inlined = profile.frames.filter((f) => f.inlined).length;
        if (summary.locations_with_inlined_lines === 0) assert.equal(inlined, 0);
        else assert.ok(inlined > 0, 'expected inlined frames');
      });

      it('matches the golden collapsed dump', () => checkGolden(rel, profile));

      it('is sniffed by content under a neutral name', async () => {
        const bytes = readFileSync(join(PROFILES, rel));
        assert.equal(rankImporters('upload.bin', bytes.subarray(0, SNIFF_BYTES))[0], pprofImporter);
        const again = await importProfile(bytesSource('upload.bin', bytes));
        assert.deepEqual(again.totals, profile.totals);
      });
    });
  }

  it('reads the Go CPU profile with Go semantics: cpu/nanoseconds by default, files and lines', async () => {
    const p = await importProfile(
      await fileSource(join(PROFILES, 'pprof-own-go/go-simple.cpu.pb.gz')),
    );
    assert.deepEqual(p.valueTypes[p.defaultValue], { type: 'cpu', unit: 'nanoseconds' });
    const fib = p.frames.find((f) => f.name === 'main.fib');
    assert.equal(fib?.file, '/srv/build/go_pprof/main.go');
    assert.equal(fib?.kind, 'native');
    assert.ok(p.frames.every((f) => f.line === undefined || f.line > 0));
  });

  it('defaults to the last sample type when default_sample_type is unset (Go heap)', async () => {
    const p = await importProfile(
      await fileSource(join(PROFILES, 'pprof-own-go/go-simple.heap.pb.gz')),
    );
    assert.deepEqual(p.valueTypes[p.defaultValue], { type: 'inuse_space', unit: 'bytes' });
  });
});
