import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { toCollapsed } from '../../src/core/collapsed';
import { ImportCancelled, ImportError } from '../../src/core/errors';
import { importProfile } from '../../src/core/import/index';
import type { Frame, Profile } from '../../src/core/model';
import { bytesSource, fileSource } from '../../src/core/source';
import { toInfernoCollapsed } from './inferno-collapse';
import {
  assertClose,
  checkGolden,
  chunkedSource,
  expectedSummary,
  fixturesIn,
  isSynthetic,
  PROFILES,
  selfBy,
} from './text-import-support';

async function load(rel: string): Promise<Profile> {
  return importProfile(await fileSource(join(PROFILES, rel)));
}

function fromText(name: string, text: string): Promise<Profile> {
  return importProfile(bytesSource(name, new TextEncoder().encode(text)));
}

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

/** Frames of every sample, leaf first, from the timeline (all these fixtures have times). */
function sampleStacks(profile: Profile): Frame[][] {
  assert.ok(profile.timeline, 'timeline');
  return [...profile.timeline.node].map((leaf) => {
    const frames: Frame[] = [];
    for (let n = leaf; n > 0; n = profile.nodeParent[n])
      frames.push(profile.frames[profile.nodeFrame[n]]);
    return frames;
  });
}

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
      const profile = await load(rel);
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
      const actual = toInfernoCollapsed(await load(rel), mode)
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
  it('reads srcline lines: file and line per frame, `(inlined)` frames without a dso, unknowns', async () => {
    // The `-F +srcline` layout of profile-formats.md §3.3 (observed with perf 6.1).
    const text = [
      'app 20562   580.522458:    1003009 cpu-clock: ',
      '\tffffffff821e86a9 clear_page_erms+0x9 ([kernel.kallsyms])',
      '  [kernel.kallsyms][ffffffff821e86a9]',
      '\t            1486 poly+0x76',
      '  mathlib.h:7 (inlined)',
      '\t            1486 integrate+0x76 (/srv/build/perf_c/app)',
      '  mathlib.c:8',
      '\t            13d9 worker+0x29 (/srv/build/perf_c/app)',
      '  main app.c:42',
      '\t            11f0 _start+0x20 (/srv/build/perf_c/app)',
      '  ??:0',
    ].join('\n');
    const profile = await fromText('srcline.perf.txt', text);
    const [stack] = sampleStacks(profile);
    assert.deepEqual(stack, [
      { name: 'clear_page_erms', module: '[kernel.kallsyms]', kind: 'kernel' },
      { name: 'poly', kind: 'native', inlined: true, file: 'mathlib.h', line: 7 },
      {
        name: 'integrate',
        module: '/srv/build/perf_c/app',
        kind: 'native',
        file: 'mathlib.c',
        line: 8,
      },
      {
        name: 'worker',
        module: '/srv/build/perf_c/app',
        kind: 'native',
        file: 'main app.c',
        line: 42,
      },
      { name: '_start', module: '/srv/build/perf_c/app', kind: 'native' },
    ]);
  });

  it('marks `(inlined)` frames of DWARF callchains and keeps `[unknown]` symbols with their dso', async () => {
    const profile = await load('perf-script/inferno-cpp-stacks-std-function.txt');
    const mmap = profile.frames.find((f) => f.name === '__mmap64');
    assert.deepEqual(mmap, { name: '__mmap64', kind: 'native', inlined: true });
    const unknown = profile.frames.filter((f) => f.name === '[unknown]').map((f) => f.module);
    assert.ok(unknown.includes('[kernel.kallsyms]'));
    assert.ok(unknown.includes('/usr/lib/x86_64-linux-gnu/libstdc++.so.6.0.25'));
  });

  it('keeps one value type per event; the first event seen is the default', async () => {
    const text = [
      'app 1 10.000001: 200 instructions:u: ',
      '\t1000 f+0x1 (/bin/app)',
      '',
      'app 1 10.000002: 50 cycles:u: ',
      '\t1000 f+0x1 (/bin/app)',
      '',
      'app 1 10.000003: 300 instructions:u: ',
      '\t1004 g+0x5 (/bin/app)',
      '',
      'app 1 10.000004: 1000 cpu-clock: ',
      '\t1004 g+0x5 (/bin/app)',
    ].join('\n');
    const profile = await fromText('events.perf.txt', text);
    assert.deepEqual(profile.valueTypes, [
      { type: 'instructions', unit: 'events' },
      { type: 'cycles', unit: 'events' },
      { type: 'cpu-clock', unit: 'nanoseconds' },
    ]);
    assert.equal(profile.defaultValue, 0);
    assert.deepEqual(profile.totals, [500, 50, 1000]);
    assert.equal(profile.meta.sampleRecords, 4);
  });

  it('weighs samples without a period as 1 (`count`)', async () => {
    const profile = await load('perf-script/speedscope-simple-with-pid.linux-perf.txt');
    assert.deepEqual(profile.valueTypes, [{ type: 'cpu-clock', unit: 'count' }]);
  });

  it('reads headers with spaces in comm, pid/tid, [cpu], --ns times and tracepoint events', async () => {
    const text = [
      'V8 WorkerThread 25607 4794564.109216: 104345 cycles: ',
      '\t1000 f (/bin/v8)',
      '',
      'iperf 27409/28744 [000] 441995.133575: cpu-clock: ',
      '\t1000 f (/bin/v8)',
      '',
      'app 20555/20557   577.357301656:    1003009 cpu-clock:',
      '\t1000 f (/bin/v8)',
      '',
      'app 7 [001] 1.5: 1 sched:sched_switch: prev_comm=app prev_pid=7 ==> next_comm=swapper/1',
      '\tffffffff81000130 __schedule+0x76 ([kernel.kallsyms])',
    ].join('\n');
    const profile = await fromText('kinds.perf.txt', text);
    assert.deepEqual(profile.threads, [
      { name: 'V8 WorkerThread 25607', pid: undefined, tid: 25607 },
      { name: 'iperf 27409/28744', pid: 27409, tid: 28744 },
      { name: 'app 20555/20557', pid: 20555, tid: 20557 },
      { name: 'app 7', pid: undefined, tid: 7 },
    ]);
    assert.deepEqual(
      profile.valueTypes.map((v) => v.type),
      ['cycles', 'cpu-clock', 'sched:sched_switch'],
    );
    assert.deepEqual(
      [...profile.timeline!.timeNanos],
      [4794564.109216e9, 441995.133575e9, 577.357301656e9, 1.5e9],
    );
  });

  it('keeps samples in time order on the timeline with their threads', async () => {
    const profile = await load('perf-script/speedscope-forks.linux-perf.txt');
    const times = profile.timeline!.timeNanos;
    assert.equal(times.length, profile.meta.sampleRecords);
    assert.ok(profile.threads.length > 1);
    assert.ok(
      profile.threads.every((t) => /^\S.* \d+(\/\d+)?$/.test(t.name) && t.tid !== undefined),
    );
    assert.equal(profile.meta.startTimeNanos, times[0]);
  });

  it('throws ImportError with a line number for a perf header followed by garbage', async () => {
    const text =
      '# ========\n# captured on: Wed Aug 15 16:01:24 2018\n# ========\n#\nthis is not perf output\n';
    await assert.rejects(
      fromText('broken.txt', text),
      (e: unknown) =>
        e instanceof ImportError && e.format === 'perf-script' && e.position?.line === 5,
    );
  });

  it('reads the same profile when chunk boundaries fall inside lines', async () => {
    for (const rel of [
      'perf-own/hot.fp.srcline.perf.txt',
      'perf-script/inferno-single-line-stacks.txt',
    ]) {
      const whole = toCollapsed(await load(rel));
      const bytes = readFileSync(join(PROFILES, rel));
      for (const size of [3, 1000]) {
        const profile = await importProfile(chunkedSource(rel, bytes, size));
        assert.equal(toCollapsed(profile), whole, `${rel} chunk ${size}`);
      }
    }
  });

  it('stops with ImportCancelled when aborted after the first progress report', async () => {
    const rel = 'perf-own/hot.fp.perf.txt';
    const controller = new AbortController();
    let progress = 0;
    await assert.rejects(
      importProfile(chunkedSource(rel, readFileSync(join(PROFILES, rel)), 4096), {
        signal: controller.signal,
        onProgress: () => {
          progress++;
          controller.abort();
        },
      }),
      ImportCancelled,
    );
    assert.equal(progress, 1);
  });
});
