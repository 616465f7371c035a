import assert from 'node:assert/strict';
import { readFileSync } from 'fs';
import { join } from 'path';
import { ImportError } from '../../src/core/errors';
import { importProfile, importProfileFile } from '../../src/core/import/index';
import { bytesSource } from '../../src/core/source';
import { buildCli, cliJson, REPO } from './cli-support';

// Real `py-spy record --format chrometrace` captures (test/fixtures/profiles/pyspy-own, py-spy
// 0.4.3), checked against an independent reading of the same events: here every B is paired
// with its E and a call's self time is its duration minus its children's durations, where the
// importer instead walks the gaps between consecutive events.
const DIR = join(REPO, 'test/fixtures/profiles/pyspy-own');
const FILES = ['default.chrometrace.json', 'subprocesses.chrometrace.json'];

interface Ev {
  ph: string;
  name: string;
  pid: number;
  tid: number;
  ts: number;
  args: { filename: string; line: number | null };
}

interface Call {
  key: string;
  begin: number;
  children: number;
}

function oracle(events: Ev[]) {
  const stacks = new Map<string, Call[]>();
  const self = new Map<string, number>();
  let total = 0;
  let begins = 0;
  for (const e of events) {
    if (e.ph !== 'B' && e.ph !== 'E') continue;
    const thread = `${e.pid}/${e.tid}`;
    const stack = stacks.get(thread) ?? [];
    stacks.set(thread, stack);
    if (e.ph === 'B') {
      begins++;
      stack.push({
        key: `${e.name}\t${e.args.filename}\t${e.args.line || ''}`,
        begin: e.ts,
        children: 0,
      });
      continue;
    }
    const call = stack.pop()!;
    const duration = e.ts - call.begin;
    self.set(call.key, (self.get(call.key) ?? 0) + duration - call.children);
    if (stack.length > 0) stack[stack.length - 1].children += duration;
    else total += duration;
  }
  for (const [k, v] of self) if (v === 0) self.delete(k);
  return { total, begins, threads: stacks.size, self: Object.fromEntries([...self].sort()) };
}

async function refusal(text: string): Promise<ImportError> {
  try {
    await importProfile(bytesSource('trace.json', Buffer.from(text)));
  } catch (err) {
    assert.ok(err instanceof ImportError, String(err));
    return err;
  }
  assert.fail('the import did not fail');
}

describe('py-spy chrometrace importer', function () {
  this.timeout(120000);
  before(buildCli);

  for (const name of FILES) {
    it(`hotspot-lens summary ${name}: exact totals and self time per frame`, async () => {
      const file = join(DIR, name);
      const want = oracle(JSON.parse(readFileSync(file, 'utf8')));
      const s = await cliJson('summary', file, '--top', '0');
      assert.equal(s.format, 'chrometrace');
      assert.equal(s.samples, want.begins);
      assert.deepEqual(s.values, [{ type: 'time', unit: 'microseconds', total: want.total }]);
      const got = new Map<string, number>();
      for (const r of s.top as {
        name: string;
        file: string;
        line: number | null;
        self: number;
      }[]) {
        if (r.self === 0) continue;
        const key = `${r.name}\t${r.file ?? ''}\t${r.line ?? ''}`;
        got.set(key, (got.get(key) ?? 0) + r.self);
      }
      assert.deepEqual(Object.fromEntries([...got].sort()), want.self);
      const p = await importProfileFile(file);
      assert.equal(p.threads.length, want.threads);
      assert.ok(p.timeline && p.timeline.node.length > 0, 'time order kept');
    });
  }

  it('names threads by process and thread id, and types Python frames', async () => {
    const p = await importProfileFile(join(DIR, 'subprocesses.chrometrace.json'));
    const pids = new Set(p.threads.map((t) => t.pid));
    assert.equal(pids.size, 2, 'parent and child process');
    for (const t of p.threads) assert.match(t.name, /^Process \d+ Thread \d+$/);
    assert.equal(p.frames.filter((f) => f.kind === 'process').length, 2, 'py-spy process roots');
    const loop = p.frames.find((f) => f.name === 'pure_python_loop');
    assert.equal(loop?.kind, 'python');
    assert.match(loop?.file ?? '', /workload\.py$/);
  });

  it('reads thread_name metadata (newer py-spy) and the traceEvents wrapper', async () => {
    const ev = (
      ph: string,
      name: string,
      ts: number,
      args: object = { filename: 'a.py', line: 3 },
    ) => ({
      args,
      cat: 'py-spy',
      name,
      ph,
      pid: 7,
      tid: 0,
      ts,
    });
    const trace = {
      traceEvents: [
        ev('M', 'thread_name', 0, { filename: '', line: null, name: '140001: MainThread' }),
        ev('B', 'main', 10),
        ev('B', 'work', 10),
        ev('E', 'work', 40),
        ev('E', 'main', 50),
      ],
    };
    const p = await importProfile(bytesSource('t.json', Buffer.from(JSON.stringify(trace))));
    assert.deepEqual(p.threads, [
      { name: 'Process 7 Thread 140001 "MainThread"', pid: 7, tid: 140001 },
    ]);
    assert.deepEqual(p.totals, [40]);
  });

  it('refuses broken traces with the cause and the next step', async () => {
    const text = readFileSync(join(DIR, 'default.chrometrace.json'), 'utf8');
    const cut = await refusal(text.slice(0, 5000));
    assert.equal(cut.format, 'chrometrace');
    assert.match(cut.message, /not valid JSON.*interrupted\? Record it again/);
    const b = (name: string, ts: number) => ({ ph: 'B', name, pid: 1, tid: 1, ts, args: {} });
    const e = (name: string, ts: number) => ({ ph: 'E', name, pid: 1, tid: 1, ts, args: {} });
    const orphan = await refusal(JSON.stringify([b('a', 1), e('a', 2), e('a', 3)]));
    assert.match(orphan.message, /event 2 ends "a" but no frame is open/);
    const crossed = await refusal(JSON.stringify([b('a', 1), b('b', 2), e('a', 3)]));
    assert.match(crossed.message, /innermost open frame is "b" \(B\/E events must nest\)/);
    const untimed = await refusal(JSON.stringify([b('a', 1), { ...e('a', 2), ts: 'x' }]));
    assert.match(untimed.message, /event 1 has no numeric "ts"/);
    const none = await refusal(
      JSON.stringify([{ ph: 'X', name: 'a', ts: 1, dur: 2, pid: 1, tid: 1 }]),
    );
    assert.match(none.message, /no B\/E .*py-spy record --format chrometrace/);
  });
});
