import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { gunzipSync, gzipSync } from 'zlib';
import { Profile as PprofProfile, StringTable } from 'pprof-format';
import { ImportCancelled, ImportError } from '../../src/core/errors';
import { importProfile } from '../../src/core/import/index';
import { pprofImporter } from '../../src/core/import/pprof';
import { gunzipSource } from '../../src/core/import/pprof/gunzip';
import type { Profile } from '../../src/core/model';
import { bytesSource, fileSource } from '../../src/core/source';
import { PROFILES } from './text-import-support';

// The pprof cases the fixtures do not cover: a profile written by an independent encoder
// (pprof-format) with negative values, inlining, unsymbolized and kernel locations and thread
// labels; truncated, corrupt and hostile inputs; cancellation.

function rawBytes(rel: string): Buffer {
  const bytes = readFileSync(join(PROFILES, rel));
  return bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes;
}

async function rejects(promise: Promise<unknown>, pattern: RegExp): Promise<void> {
  await assert.rejects(promise, (err: unknown) => {
    assert.ok(err instanceof ImportError, `expected ImportError, got ${String(err)}`);
    assert.match(err.message, pattern);
    return true;
  });
}

/** A profile written by pprof-format (an independent encoder) with the cases fixtures lack. */
function syntheticProfile(): Uint8Array {
  const st = new StringTable();
  const s = (text: string): number => st.dedup(text);
  const profile = new PprofProfile({
    sampleType: [
      { type: s('samples'), unit: s('count') },
      { type: s('alloc_space'), unit: s('bytes') },
    ],
    defaultSampleType: s('alloc_space'),
    mapping: [
      { id: 1, filename: s('/usr/lib/libc.so.6') },
      { id: 2, filename: s('[kernel.kallsyms]') },
    ],
    function: [
      { id: 1, name: s('main'), filename: s('/src/app.py') },
      { id: 2, name: s('inner'), filename: s('/src/app.py') },
    ],
    location: [
      {
        id: 10,
        mappingId: 1,
        line: [
          { functionId: 2, line: 7 },
          { functionId: 1, line: 20 },
        ],
      },
      { id: 11, mappingId: 1, address: 0x1234 },
      { id: 12, mappingId: 2, address: 0xffffffff81000123n },
    ],
    sample: [
      { locationId: [10], value: [3, 100], label: [{ key: s('thread_name'), str: s('worker') }] },
      { locationId: [11, 10], value: [2, -50], label: [{ key: s('thread_id'), num: 42 }] },
      { locationId: [12, 11, 10], value: [1, 0] },
      { locationId: [10], value: [4, 10], label: [{ key: s('thread_name'), str: s('worker') }] },
      { locationId: [10], value: [0, 5] },
    ],
    timeNanos: 1_700_000_000_000_000_000n,
    durationNanos: 5_000_000_000,
    stringTable: st,
  });
  return profile.encode();
}

describe('pprof importer: synthetic profile from pprof-format', () => {
  let p: Profile;
  before(async () => {
    p = await importProfile(bytesSource('synthetic.pb', syntheticProfile()));
  });

  it('keeps negative (delta) values signed and picks default_sample_type', () => {
    assert.deepEqual(p.totals, [10, 65]);
    assert.deepEqual(p.valueTypes[p.defaultValue], { type: 'alloc_space', unit: 'bytes' });
    assert.equal(p.meta.sampleRecords, 5);
  });

  it('expands Location.line innermost first, marking all but the last inlined', () => {
    const inner = p.frames.find((f) => f.name === 'inner');
    const main = p.frames.find((f) => f.name === 'main');
    assert.deepEqual(
      [inner?.inlined, inner?.line, inner?.kind, main?.inlined, main?.line, main?.module],
      [true, 7, 'python', undefined, 20, '/usr/lib/libc.so.6'],
    );
    assert.equal(p.timeline, undefined, 'pprof has no per-sample times');
    const innerNode = [...Array(p.nodeCount).keys()].find(
      (n) => p.frames[p.nodeFrame[n]] === inner,
    );
    assert.ok(innerNode !== undefined);
    assert.equal(p.frames[p.nodeFrame[p.nodeParent[innerNode]]], main, 'inner is called from main');
  });

  it('names unsymbolized locations by address and mapping, kernel mapping → kernel kind', () => {
    const libc = p.frames.find((f) => f.name === '0x1234 (/usr/lib/libc.so.6)');
    const kernel = p.frames.find((f) => f.name === '0xffffffff81000123 ([kernel.kallsyms])');
    assert.equal(libc?.kind, 'native');
    assert.equal(kernel?.kind, 'kernel');
    assert.equal(kernel?.module, '[kernel.kallsyms]');
  });

  it('makes threads from thread labels, and one "all" thread for unlabelled samples', () => {
    assert.deepEqual(
      p.threads.map((t) => [t.name, t.tid]),
      [
        ['worker', undefined],
        ['thread 42', 42],
        ['all', undefined],
      ],
    );
    // The same location list on two threads stays two stacks; on one thread it merges.
    const innerLeaves = [...Array(p.nodeCount).keys()].filter(
      (n) => n > 0 && p.frames[p.nodeFrame[n]].name === 'inner' && p.nodeDepth[n] === 2,
    );
    assert.deepEqual(
      innerLeaves.map((n) => [p.threads[p.nodeThread[n]].name, p.nodeSelf[0][n], p.nodeSelf[1][n]]),
      [
        ['worker', 7, 110],
        ['thread 42', 0, 0],
        ['all', 0, 5],
      ],
    );
  });

  it('reads time_nanos and duration_nanos', () => {
    assert.equal(p.meta.startTimeNanos, 1.7e18);
    assert.equal(p.meta.durationNanos, 5e9);
  });
});

describe('pprof importer: broken and hostile inputs', () => {
  const goCpu = rawBytes('pprof-own-go/go-simple.cpu.pb.gz');
  const dir = mkdtempSync(join(tmpdir(), 'pprof-test-'));

  for (const cut of [1, 100, 1000, 5000, goCpu.length - 3]) {
    it(`reports a profile cut at byte ${cut} as truncated, with the byte offset`, async () => {
      const source = bytesSource('cut.pb', goCpu.subarray(0, cut));
      await rejects(
        pprofImporter.importProfile(source, {}),
        /at byte \d+: .*(ends inside|does not define)/,
      );
    });
  }

  it('reports a truncated gzip stream', async () => {
    const gz = readFileSync(join(PROFILES, 'pprof-own-go/go-simple.cpu.pb.gz'));
    await rejects(
      pprofImporter.importProfile(bytesSource('cut.pb.gz', gz.subarray(0, gz.length - 20)), {}),
      /gzip data ends early/,
    );
  });

  it('reports gzip garbage', async () => {
    const garbage = Buffer.from([
      0x1f, 0x8b, 0x08, 0x00, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13,
    ]);
    await rejects(importProfile(bytesSource('x.pb.gz', garbage)), /gzip data is corrupt/);
  });

  it('reports gzip that does not hold a profile', async () => {
    const text = gzipSync(Buffer.from('main;foo;bar 12\nmain;foo 3\n'));
    await rejects(
      pprofImporter.importProfile(bytesSource('x.pb.gz', text), {}),
      /does not hold a pprof/,
    );
  });

  it('stops gunzipping past the expansion limit (gzip bomb)', async () => {
    const bomb = gzipSync(Buffer.alloc(4 << 20));
    await rejects(
      gunzipSource(bytesSource('bomb.pb.gz', bomb), undefined, undefined, 1 << 20),
      /expands to more than 1048576 bytes/,
    );
  });

  it('reports an empty file', async () => {
    const path = join(dir, 'empty.pb.gz');
    writeFileSync(path, '');
    await rejects(importProfile(await fileSource(path)), /empty/);
    await rejects(pprofImporter.importProfile(await fileSource(path), {}), /empty/);
  });

  it('returns null for text that is not a profile', async () => {
    const result = await pprofImporter.importProfile(
      bytesSource('x.txt', Buffer.from('{"a": 1}')),
      {},
    );
    assert.equal(result, null);
  });

  it('cancels when the signal fires, while reading or before decoding', async () => {
    const aborted = new AbortController();
    aborted.abort();
    await assert.rejects(
      importProfile(bytesSource('a.pb', goCpu), { signal: aborted.signal }),
      ImportCancelled,
    );
    const late = new AbortController();
    const run = pprofImporter.importProfile(bytesSource('a.pb', goCpu), {
      signal: late.signal,
      onProgress: (read) => read === goCpu.length && late.abort(),
    });
    await assert.rejects(run, ImportCancelled);
  });
});
