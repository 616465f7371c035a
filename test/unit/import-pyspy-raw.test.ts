import assert from 'node:assert/strict';
import { readFileSync } from 'fs';
import { join } from 'path';
import { toCollapsed } from '../../src/core/collapsed-writer';
import { importProfile } from '../../src/core/import/index';
import type { Frame, Profile } from '../../src/core/model';
import { bytesSource } from '../../src/core/source';
import {
  assertClose,
  checkGolden,
  chunkedSource,
  expectedSummary,
  fixturesIn,
  importAbortedAtFirstProgress,
  isSynthetic,
  loadFixture,
  PROFILES,
  selfBy,
} from './text-import-support';

/** The frame as py-spy printed it, the label EXPECTED.json uses. */
function pySpyText(f: Frame): string {
  const where = f.file ?? f.module;
  if (where === undefined) return f.name;
  return f.line === undefined ? `${f.name} (${where})` : `${f.name} (${where}:${f.line})`;
}

/** Lines of a raw file with their counts, read with a plain regex (the test's own oracle). */
function rawLines(rel: string): { stack: string; count: number }[] {
  return readFileSync(join(PROFILES, rel), 'utf8')
    .split('\n')
    .flatMap((l) => {
      const m = /^(.*) (\d+)$/.exec(l);
      return m ? [{ stack: m[1], count: Number(m[2]) }] : [];
    });
}

function frameNamed(profile: Profile, text: string): Frame {
  const frame = profile.frames.find((f) => pySpyText(f) === text);
  assert.ok(frame, `no frame ${text}`);
  return frame;
}

describe('py-spy raw importer', () => {
  for (const rel of fixturesIn('pyspy-own')) {
    it(`${rel}: sniffed as py-spy raw, numbers as EXPECTED.json, golden dump`, async () => {
      const profile = await loadFixture(rel);
      const s = expectedSummary(rel) as {
        total: number;
        invalid_lines: number;
        distinct_frames: number;
        top5_self: [string, number][];
        top5_self_file_line: [string, number][];
      };
      assert.equal(profile.meta.format, 'pyspy-raw');
      assert.equal(profile.meta.tool, 'py-spy');
      assert.equal(profile.totals[0], s.total);
      assert.equal(profile.meta.sampleRecords, s.total);
      assert.equal(profile.meta.skipped, s.invalid_lines);
      assert.equal(profile.frames.filter((f) => !isSynthetic(f)).length, s.distinct_frames);
      const self = selfBy(profile, pySpyText);
      for (const [label, weight] of s.top5_self) assertClose(self.get(label), weight, label);
      const byLine = selfBy(profile, (f) => (f.line === undefined ? '' : `${f.file}:${f.line}`));
      for (const [label, weight] of s.top5_self_file_line)
        assertClose(byLine.get(label), weight, label);
      checkGolden(rel, profile);
    });
  }

  it('counts an empty stack (` 1`) on a `<no Python frames>` frame so totals match the file', async () => {
    const rel = 'pyspy-own/default.raw.txt';
    const profile = await loadFixture(rel);
    const empty = rawLines(rel).filter((l) => l.stack === '');
    assert.ok(empty.length > 0);
    const self = selfBy(profile, (f) => f.name);
    assert.equal(
      self.get('<no Python frames>'),
      empty.reduce((a, l) => a + l.count, 0),
    );
    assert.equal(frameNamed(profile, '<no Python frames>').kind, 'other');
  });

  it('classifies Python, frozen, C-source and shared-object frames (--native)', async () => {
    const profile = await loadFixture('pyspy-own/native.raw.txt');
    assert.deepEqual(frameNamed(profile, 'fib (workload.py:16)'), {
      name: 'fib',
      file: 'workload.py',
      line: 16,
      kind: 'python',
    });
    const evp = frameNamed(profile, 'EVP_hash (_hashopenssl.c:442)');
    assert.equal(evp.kind, 'native');
    assert.equal(evp.file, '_hashopenssl.c');
    const sha = frameNamed(profile, 'SHA256_Update (libcrypto.so.3)');
    assert.deepEqual([sha.kind, sha.module, sha.file], ['native', 'libcrypto.so.3', undefined]);
    const addr = profile.frames.find((f) => f.name.startsWith('0x') && f.module === 'libc.so.6');
    assert.ok(addr && addr.file === undefined && addr.kind === 'native');
    const idle = await loadFixture('pyspy-own/idle.raw.txt');
    assert.equal(
      frameNamed(idle, '_find_and_load (<frozen importlib._bootstrap>:1176)').kind,
      'python',
    );
  });

  it('turns thread pseudo-frames into threads and keeps them in the stack', async () => {
    const rel = 'pyspy-own/threads.raw.txt';
    const profile = await loadFixture(rel);
    assert.equal(profile.threads[0].name, 'all');
    const perThread = new Map<string, number>();
    for (const { stack, count } of rawLines(rel)) {
      const tid = /^thread \((\d+)\)/.exec(stack)![1];
      perThread.set(tid, (perThread.get(tid) ?? 0) + count);
    }
    const totals = profile.nodeTotal[0];
    for (const [tid, weight] of perThread) {
      const thread = profile.threads.findIndex((t) => t.tid === Number(tid));
      assert.ok(thread > 0, `thread ${tid}`);
      let sum = 0;
      for (let n = 1; n < profile.nodeCount; n++) {
        if (profile.nodeDepth[n] !== 1 || profile.nodeThread[n] !== thread) continue;
        assert.equal(profile.frames[profile.nodeFrame[n]].kind, 'thread');
        sum += totals[n];
      }
      assert.equal(sum, weight, `thread ${tid}`);
    }
    assert.ok(profile.threads.some((t) => t.name === 'Thread 17343 "worker"'));
  });

  it('puts a --subprocesses stack in its innermost process', async () => {
    const rel = 'pyspy-own/subprocesses.raw.txt';
    const profile = await loadFixture(rel);
    const child = rawLines(rel)
      .filter((l) => /^process \d+:"[^"]*";process (\d+):/.test(l.stack))
      .reduce((a, l) => a + l.count, 0);
    const childPid = Number(/;process (\d+):/.exec(readFileSync(join(PROFILES, rel), 'utf8'))![1]);
    const thread = profile.threads.findIndex((t) => t.pid === childPid);
    let sum = 0;
    for (let n = 1; n < profile.nodeCount; n++) {
      if (profile.nodeThread[n] === thread) sum += profile.nodeSelf[0][n];
    }
    assert.ok(child > 0);
    assert.equal(sum, child);
  });

  it('splits Windows paths at the last colon followed by digits', async () => {
    const text = '<module> (C:\\proj\\app.py:12);work (C:\\proj\\lib\\x.py) 5\n';
    const profile = await importProfile(bytesSource('win.txt', new TextEncoder().encode(text)));
    assert.equal(profile.meta.format, 'pyspy-raw');
    assert.deepEqual(
      profile.frames.map((f) => [f.name, f.file, f.line, f.kind]),
      [
        ['<module>', 'C:\\proj\\app.py', 12, 'python'],
        ['work', 'C:\\proj\\lib\\x.py', undefined, 'python'],
      ],
    );
  });

  it('reads the same profile when chunk boundaries fall inside lines', async () => {
    const rel = 'pyspy-own/native.raw.txt';
    const whole = toCollapsed(await loadFixture(rel));
    const profile = await importProfile(chunkedSource(rel, readFileSync(join(PROFILES, rel)), 7));
    assert.equal(profile.meta.format, 'pyspy-raw');
    assert.equal(toCollapsed(profile), whole);
  });

  it('stops with ImportCancelled when aborted after the first progress report', async () => {
    await importAbortedAtFirstProgress('pyspy-own/idle.raw.txt', 1000);
  });
  it('imports a first line longer than the sniffing head (deep recursion) as py-spy raw', async () => {
    const deep = Array.from({ length: 3000 }, (_, i) => `ackermann (workload.py:${(i % 50) + 1})`);
    const text = `${deep.join(';')} 3\n<module> (workload.py:79) 2\n`;
    assert.ok(text.length > 64 * 1024);
    const profile = await importProfile(bytesSource('deep.txt', new TextEncoder().encode(text)));
    assert.equal(profile.meta.format, 'pyspy-raw');
    assert.equal(profile.totals[0], 5);
    const plain = `${Array.from({ length: 20000 }, (_, i) => `f${i % 50}`).join(';')} 4\na;b 1\n`;
    const other = await importProfile(bytesSource('deep.txt', new TextEncoder().encode(plain)));
    assert.equal(other.meta.format, 'collapsed');
    assert.equal(other.totals[0], 5);
  });
});
