import assert from 'node:assert/strict';
import { readFileSync } from 'fs';
import { join } from 'path';
import { toCollapsed } from '../../src/core/collapsed-writer';
import { ImportError } from '../../src/core/errors';
import { importProfile } from '../../src/core/import/index';
import type { Profile } from '../../src/core/model';
import { bytesSource } from '../../src/core/source';
import {
  chunkedSource,
  importAbortedAtFirstProgress,
  loadFixture,
  PROFILES,
  sampleStacks,
} from './text-import-support';

// The perf script importer on single behaviours: layouts the fixtures do not cover (quoted from
// docs/formats.md §3), details of some fixtures, and unusual ways of reading (chunks, cancel).

function fromText(name: string, text: string): Promise<Profile> {
  return importProfile(bytesSource(name, new TextEncoder().encode(text)));
}

describe('perf script importer, specific inputs', () => {
  it('reads srcline lines: file and line per frame, `(inlined)` frames without a dso, unknowns', async () => {
    // The `-F +srcline` layout of docs/formats.md §3.3 (observed with perf 6.1).
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
    const profile = await loadFixture('perf-script/inferno-cpp-stacks-std-function.txt');
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
    const profile = await loadFixture('perf-script/speedscope-simple-with-pid.linux-perf.txt');
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

  it('reads old layouts: no time or period, stack lines indented with spaces or not at all', async () => {
    const text = [
      'java 19983 cycles:',
      'ffffffff8103d0ca native_write_msr_safe ([kernel.kallsyms])',
      '    7f1e2162ad6f StealTask::do_it(GCTaskManager*, unsigned int) (/opt/jdk/libjvm.so)',
      '',
      'java 19983 cycles:',
      '\t    7f1e2162ad6f StealTask::do_it(GCTaskManager*, unsigned int) (/opt/jdk/libjvm.so)',
    ].join('\n');
    const profile = await fromText('old.perf.txt', text);
    assert.equal(profile.meta.skipped, 0);
    assert.deepEqual(profile.valueTypes, [{ type: 'cycles', unit: 'count' }]);
    assert.equal(profile.timeline, undefined);
    assert.equal(
      toCollapsed(profile),
      'StealTask::do_it(GCTaskManager*, unsigned int) 1\n' +
        'StealTask::do_it(GCTaskManager*, unsigned int);native_write_msr_safe 1\n',
    );
    const kinds = profile.frames.map((f) => [f.name, f.kind, f.module]);
    assert.deepEqual(kinds, [
      ['native_write_msr_safe', 'kernel', '[kernel.kallsyms]'],
      ['StealTask::do_it(GCTaskManager*, unsigned int)', 'native', '/opt/jdk/libjvm.so'],
    ]);
  });

  it('keeps samples in time order on the timeline with their threads', async () => {
    const profile = await loadFixture('perf-script/speedscope-forks.linux-perf.txt');
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
      const whole = toCollapsed(await loadFixture(rel));
      const bytes = readFileSync(join(PROFILES, rel));
      for (const size of [3, 1000]) {
        const profile = await importProfile(chunkedSource(rel, bytes, size));
        assert.equal(toCollapsed(profile), whole, `${rel} chunk ${size}`);
      }
    }
  });

  it('stops with ImportCancelled when aborted after the first progress report', async () => {
    assert.equal(await importAbortedAtFirstProgress('perf-own/hot.fp.perf.txt', 4096), 1);
  });
});
