import assert from 'node:assert/strict';
import { readFileSync } from 'fs';
import { join } from 'path';
import { attribute, callersOf, functionKey, lineKey } from '../../src/core/attribution';
import { ProfileBuilder } from '../../src/core/builder';
import { importProfileFile } from '../../src/core/import/index';
import type { Profile } from '../../src/core/model';

const FIXTURES = join(__dirname, '../../../test/fixtures/profiles');

interface Sample {
  frames: { name: string; file?: string; line?: number }[];
  weight: number;
}

/**
 * A second, deliberately naive reader of collapsed / py-spy raw text: one sample per line,
 * frames `name (file:line)` or bare names. It is the oracle the attribution is checked against.
 */
function readFolded(rel: string): Sample[] {
  const text = readFileSync(join(FIXTURES, rel), 'utf8');
  const samples: Sample[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trimEnd();
    const space = line.lastIndexOf(' ');
    if (line === '' || space < 0) continue;
    const stack = line.slice(0, space);
    const frames =
      stack === ''
        ? []
        : stack.split(';').map((f) => {
            const m = /^(.*) \(([^()]*):(\d+)\)$/.exec(f);
            return m ? { name: m[1], file: m[2], line: Number(m[3]) } : { name: f };
          });
    samples.push({ frames, weight: Number(line.slice(space + 1)) });
  }
  return samples;
}

/** Inclusive weight per key, each key counted once per sample. */
function oncePerSample(samples: Sample[], keys: (f: Sample['frames'][0]) => string | undefined) {
  const totals = new Map<string, number>();
  for (const s of samples) {
    const seen = new Set<string>();
    for (const f of s.frames) {
      const k = keys(f);
      if (k !== undefined) seen.add(k);
    }
    for (const k of seen) totals.set(k, (totals.get(k) ?? 0) + s.weight);
  }
  return totals;
}

function sum(samples: Sample[]): number {
  return samples.reduce((t, s) => t + s.weight, 0);
}

function byFrameName(profile: Profile): Map<string, number> {
  const a = attribute(profile);
  return new Map(a.byFrame.map((s) => [profile.frames[s.frame].name, s.total]));
}

describe('attribute() against a naive reader of the same files', () => {
  it('counts a recursing frame once per sample (speedscope recursion.txt)', async () => {
    const rel = 'collapsed/speedscope-recursion.txt';
    const profile = await importProfileFile(join(FIXTURES, rel));
    const samples = readFolded(rel);
    const a = attribute(profile);
    assert.equal(a.total, sum(samples));
    const expected = oncePerSample(samples, (f) => f.name);
    assert.deepEqual(byFrameName(profile), expected);
    for (const s of a.byFrame) assert.ok(s.total <= a.total && s.self <= s.total);
    const selfSum = a.byFrame.reduce((t, s) => t + s.self, 0);
    assert.equal(selfSum, a.total);
  });

  it('counts (file, line) and functions once per sample in deep py-spy recursion', async () => {
    const rel = 'pyspy-own/default.raw.txt';
    const profile = await importProfileFile(join(FIXTURES, rel));
    const samples = readFolded(rel);
    const a = attribute(profile);
    assert.equal(a.total, sum(samples));

    const lines = oncePerSample(samples, (f) =>
      f.file === undefined ? undefined : lineKey(f.file, f.line!),
    );
    assert.deepEqual(new Map(a.byLine.map((l) => [l.key, l.total])), lines);
    // fib recurses ~20 deep on line 16: the line must not weigh more than the samples holding it.
    const fibLine = a.byLine.find((l) => l.key === lineKey('workload.py', 16))!;
    assert.ok(fibLine.total <= a.total);

    // The importer names an empty stack `<no Python frames>` (no file); compare real functions.
    const functions = oncePerSample(samples, (f) =>
      f.file === undefined ? undefined : functionKey(f.name, f.file),
    );
    const withFile = a.byFunction.filter((f) => f.file !== undefined);
    assert.deepEqual(new Map(withFile.map((f) => [f.key, f.total])), functions);

    const leafSelf = new Map<string, number>();
    for (const s of samples) {
      const leaf = s.frames[s.frames.length - 1];
      if (leaf?.file === undefined) continue;
      const k = lineKey(leaf.file, leaf.line!);
      leafSelf.set(k, (leafSelf.get(k) ?? 0) + s.weight);
    }
    assert.deepEqual(
      new Map(a.byLine.filter((l) => l.self !== 0).map((l) => [l.key, l.self])),
      leafSelf,
    );
  });

  it('restricts everything to one thread with the thread filter (py-spy --threads)', async () => {
    const rel = 'pyspy-own/threads.raw.txt';
    const profile = await importProfileFile(join(FIXTURES, rel));
    const samples = readFolded(rel);
    let seen = 0;
    profile.threads.forEach((thread, t) => {
      if (thread.tid === undefined) return;
      const mine = samples.filter((s) => s.frames[0]?.name.startsWith(`thread (${thread.tid})`));
      const a = attribute(profile, profile.defaultValue, t);
      assert.equal(a.total, sum(mine), thread.name);
      const lines = oncePerSample(mine, (f) =>
        f.file === undefined ? undefined : lineKey(f.file, f.line!),
      );
      assert.deepEqual(new Map(a.byLine.map((l) => [l.key, l.total])), lines, thread.name);
      seen += mine.length;
    });
    assert.equal(seen, samples.length, 'every sample belongs to a thread');
  });
});

describe('callersOf()', () => {
  it('matches the distinct caller edges of every sample (recursion.txt)', async () => {
    const rel = 'collapsed/speedscope-recursion.txt';
    const profile = await importProfileFile(join(FIXTURES, rel));
    const samples = readFolded(rel);
    const a = attribute(profile);
    for (const callee of ['a', 'b', 'c']) {
      const expected = new Map<string, number>();
      for (const s of samples) {
        const callers = new Set<string>();
        s.frames.forEach((f, i) => {
          if (i > 0 && f.name === callee && s.frames[i - 1].name !== callee) {
            callers.add(s.frames[i - 1].name);
          }
        });
        for (const c of callers) expected.set(c, (expected.get(c) ?? 0) + s.weight);
      }
      const got = callersOf(profile, a, functionKey(callee, undefined));
      assert.deepEqual(
        new Map(got.map((c) => [c.key, c.total])),
        new Map([...expected].map(([k, v]) => [functionKey(k, undefined), v])),
        callee,
      );
      for (let i = 1; i < got.length; i++) assert.ok(got[i - 1].total >= got[i].total);
    }
  });

  it('never gives a caller more weight than the callee has (mutual recursion)', () => {
    const b = new ProfileBuilder({
      format: 'collapsed',
      name: 't',
      valueTypes: [{ type: 'samples', unit: 'count' }],
    });
    const fa = b.internFrame({ name: 'a', kind: 'other' });
    const fb = b.internFrame({ name: 'b', kind: 'other' });
    b.addStack([fb, fa, fb, fa, fb, fa], 6, false, 1);
    const profile = b.build();
    const a = attribute(profile);
    assert.deepEqual(callersOf(profile, a, functionKey('a', undefined)), [
      { key: functionKey('b', undefined), total: 1 },
    ]);
  });
});

describe('attribute() totals', () => {
  it('includes samples with an empty stack in the grand total', () => {
    const b = new ProfileBuilder({
      format: 'collapsed',
      name: 't',
      valueTypes: [{ type: 'samples', unit: 'count' }],
    });
    const f = b.internFrame({ name: 'work', kind: 'other' });
    b.addStack([f], 1, false, 3);
    b.addStack([], 0, false, 1);
    const profile = b.build();
    assert.equal(attribute(profile).total, profile.totals[0]);
    assert.equal(attribute(profile).byFrame[0].total, 3);
  });
});
