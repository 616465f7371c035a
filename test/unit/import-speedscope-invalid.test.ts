import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { ImportCancelled, ImportError } from '../../src/core/errors';
import { importProfile } from '../../src/core/import/index';
import { speedscopeImporter } from '../../src/core/import/speedscope';
import { bytesSource, fileSource } from '../../src/core/source';
import { PROFILES } from './text-import-support';

// speedscope files the fixtures do not cover: malformed stacks (bad or nested indices, missing
// weights), the two invalid evented fixtures and time going backwards, encodings, empty and
// broken files, cancellation. Most start from a real fixture and change one thing.

function fixtureJson(rel: string): { profiles: Record<string, unknown>[]; shared: unknown } {
  return JSON.parse(readFileSync(join(PROFILES, rel), 'utf8'));
}

function source(name: string, json: unknown) {
  return bytesSource(name, Buffer.from(JSON.stringify(json)));
}

async function rejects(promise: Promise<unknown>, pattern: RegExp): Promise<void> {
  await assert.rejects(promise, (err: unknown) => {
    assert.ok(err instanceof ImportError, `expected ImportError, got ${String(err)}`);
    assert.match(err.message, pattern);
    return true;
  });
}

describe('speedscope importer: malformed and unusual input', () => {
  it('unwraps [[32]]-style nested indices with a warning', async () => {
    const json = fixtureJson('speedscope/speedscope-0.6.0-two-sampled.speedscope.json');
    const samples = json.profiles[0].samples as number[][];
    json.profiles[0].samples = samples.map((s) => s.map((i) => [i]));
    const p = await importProfile(source('nested.speedscope.json', json));
    assert.deepEqual(p.totals, [28]);
    assert.match(p.meta.warnings.join('\n'), /profile 0 .*14 stack entries were nested arrays/);
  });

  for (const [bad, shown] of [
    [9999, '9999'],
    [1.5, '1.5'],
    ['2', '"2"'],
    [[1, 2], '\\[1,2\\]'],
  ] as const) {
    it(`rejects the stack entry ${JSON.stringify(bad)}, naming profile and sample`, async () => {
      const json = fixtureJson('pyspy-own/default.speedscope.json');
      (json.profiles[1].samples as unknown[][])[3][2] = bad;
      await rejects(
        importProfile(source('bad.speedscope.json', json)),
        new RegExp(
          `profile 1 \\("Thread 16784 \\\\"sleeper\\\\""\\): sample 3, stack entry 2 is ${shown}, not a frame index`,
        ),
      );
    });
  }

  it('rejects samples and weights of different lengths', async () => {
    const json = fixtureJson('speedscope/speedscope-0.1.2-simple-sampled.speedscope.json');
    (json.profiles[0].weights as number[]).pop();
    await rejects(
      importProfile(source('w.speedscope.json', json)),
      /profile 0 .*5 samples but 4 weights/,
    );
  });

  it('rejects the unbalanced evented fixture (incomplete trace)', async () => {
    const path = join(PROFILES, 'speedscope/speedscope-invalid-incomplete-trace.json');
    await rejects(
      importProfile(await fileSource(path)),
      /profile 0 \("p1"\): .*1 frame\(s\) still open.*incomplete trace/,
    );
  });

  it('rejects the out-of-order evented fixture (close of a frame that is not innermost)', async () => {
    const path = join(PROFILES, 'speedscope/speedscope-invalid-out-of-order-events.json');
    await rejects(
      importProfile(await fileSource(path)),
      /event 6 closes frame 1 \("B"\) but frame 0 \("A"\) is the innermost open frame .*must nest/,
    );
  });

  it('rejects events whose time goes backwards', async () => {
    const json = fixtureJson('speedscope/speedscope-0.0.1-simple.speedscope.json');
    (json.profiles[0].events as { at: number }[])[4].at = 1;
    await rejects(
      importProfile(source('t.speedscope.json', json)),
      /event 4 is out of order: at 1 comes after an event at 2/,
    );
  });

  it('reads UTF-16 with a BOM', async () => {
    const text = readFileSync(
      join(PROFILES, 'speedscope/speedscope-0.1.2-simple-sampled.speedscope.json'),
      'utf8',
    );
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const p = await importProfile(bytesSource('u.speedscope.json', bytes));
    assert.deepEqual(p.totals, [14]);
  });

  it('reports an empty file, broken JSON, and ignores other JSON', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'speedscope-test-'));
    writeFileSync(join(dir, 'empty.speedscope.json'), '');
    await rejects(importProfile(await fileSource(join(dir, 'empty.speedscope.json'))), /empty/);
    await rejects(
      speedscopeImporter.importProfile(await fileSource(join(dir, 'empty.speedscope.json')), {}),
      /empty/,
    );
    const cut = readFileSync(join(PROFILES, 'pyspy-own/default.speedscope.json')).subarray(0, 5000);
    await rejects(
      speedscopeImporter.importProfile(bytesSource('cut.json', cut), {}),
      /invalid JSON/,
    );
    const other = await speedscopeImporter.importProfile(source('package.json', { name: 'x' }), {});
    assert.equal(other, null);
  });

  it('cancels when the signal fires', async () => {
    const aborted = new AbortController();
    aborted.abort();
    const path = join(PROFILES, 'pyspy-own/default.speedscope.json');
    await assert.rejects(
      importProfile(await fileSource(path), { signal: aborted.signal }),
      ImportCancelled,
    );
    const late = new AbortController();
    const bytes = readFileSync(path);
    const run = speedscopeImporter.importProfile(bytesSource('a.speedscope.json', bytes), {
      signal: late.signal,
      onProgress: (read) => read === bytes.length && late.abort(),
    });
    await assert.rejects(run, ImportCancelled);
  });
});
