import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import type { Frame } from '../../src/core/model';
import { toInfernoCollapsed } from './inferno-collapse';
import {
  assertClose,
  checkGolden,
  expectedSummary,
  fixturesIn,
  isSynthetic,
  loadFixture,
  PROFILES,
  sampleStacks,
  selfBy,
} from './text-import-support';

interface PerfSummary {
  samples: number;
  first_event: string;
  weight_first_event: number;
  samples_without_frames: number;
  distinct_symbols: number;
  distinct_symbol_dso_pairs: number;
  kernel_frames: number;
  unknown_symbol_frames: number;
  inlined_frames: number;
  top5_self_by_weight_first_event: [string, number][];
  top5_self_srcline_by_samples: [string, number][];
}

// Where the independent reader of EXPECTED.json is wrong and another oracle is used instead:
// - inferno-single-line-stacks: that reader loses the frame after the `cycles:u:` event
//   modifiers (one "sample without frames"); inferno's expected output has both frames.
// - inferno-cpp-stacks: that reader cuts symbols at the first space
//   (`std::_Function_handler<int`); the full name's weight is in inferno's expected output.
const SKIP: Record<string, (keyof PerfSummary | string)[]> = {
  'perf-script/inferno-single-line-stacks.txt': [
    'samples_without_frames',
    'distinct_symbols',
    'distinct_symbol_dso_pairs',
    'unknown_symbol_frames',
  ],
  'perf-script/inferno-cpp-stacks-std-function.txt': ['std::_Function_handler<int'],
  // That reader counts 5 kernel frames (the .ko modules); the 11 frames in the versioned vmlinux
  // image are kernel frames too, as inferno's --kernel output (compared below) annotates them.
  'perf-script/inferno-versioned-vmlinux.txt': ['kernel_frames'],
};

function inferno(
  rel: string,
): { file: string; mode: { kernel?: boolean; jit?: boolean } } | undefined {
  const stem = rel.replace(/\.txt$/, '.expected-collapsed');
  for (const [suffix, mode] of [
    ['', {}],
    ['-kernel', { kernel: true }],
    ['-jit', { jit: true }],
  ] as const) {
    const file = join(PROFILES, `${stem}${suffix}.txt`);
    if (existsSync(file)) return { file, mode };
  }
  return undefined;
}

describe('perf script importer', () => {
  for (const rel of [...fixturesIn('perf-own'), ...fixturesIn('perf-script')]) {
    it(`${rel}: sniffed as perf script, numbers as EXPECTED.json, golden dump`, async () => {
      const profile = await loadFixture(rel);
      const s = expectedSummary(rel) as unknown as PerfSummary;
      const skip = new Set(SKIP[rel] ?? []);
      const check = (key: keyof PerfSummary, actual: number): void => {
        if (!skip.has(key)) assert.equal(actual, s[key], key);
      };
      assert.equal(profile.meta.format, 'perf-script');
      assert.equal(profile.meta.tool, 'perf');
      check('samples', profile.meta.sampleRecords);
      assert.equal(profile.valueTypes[profile.defaultValue].type, s.first_event);
      check('weight_first_event', profile.totals[profile.defaultValue]);
      const real = profile.frames.filter((f) => !isSynthetic(f));
      check('distinct_symbols', new Set(real.map((f) => f.name)).size);
      check('distinct_symbol_dso_pairs', new Set(real.map((f) => `${f.name}\0${f.module}`)).size);
      const stacks = sampleStacks(profile);
      assert.equal(stacks.length, s.samples);
      const count = (p: (f: Frame) => boolean): number =>
        stacks.reduce((a, st) => a + st.filter(p).length, 0);
      check('samples_without_frames', count(isSynthetic));
      check(
        'kernel_frames',
        count((f) => f.kind === 'kernel'),
      );
      check(
        'unknown_symbol_frames',
        count((f) => f.name === '[unknown]'),
      );
      check(
        'inlined_frames',
        count((f) => f.inlined === true),
      );
      const self = selfBy(profile, (f) => f.name);
      for (const [name, weight] of s.top5_self_by_weight_first_event) {
        if (!skip.has(name)) assertClose(self.get(name), weight, name);
      }
      const leafLines = new Map<string, number>();
      for (const [leaf] of stacks) {
        const key = `${leaf.file}:${leaf.line}`;
        leafLines.set(key, (leafLines.get(key) ?? 0) + 1);
      }
      for (const [line, n] of s.top5_self_srcline_by_samples)
        assert.equal(leafLines.get(line), n, line);
      checkGolden(rel, profile);
    });
  }

  for (const rel of fixturesIn('perf-script').filter((r) => inferno(r))) {
    it(`${rel}: matches inferno's expected collapsed output (inferno conventions)`, async () => {
      const { file, mode } = inferno(rel)!;
      const wanted = readFileSync(file, 'utf8').split('\n').filter(Boolean).sort();
      const actual = toInfernoCollapsed(await loadFixture(rel), mode)
        .split('\n')
        .filter(Boolean);
      assert.deepEqual(actual, wanted);
    });
  }

  it('covers every inferno expected output in the fixtures', () => {
    const outputs = readdirSync(join(PROFILES, 'perf-script')).filter((f) =>
      f.includes('.expected-collapsed'),
    );
    assert.equal(outputs.length, fixturesIn('perf-script').filter((r) => inferno(r)).length);
  });
});
