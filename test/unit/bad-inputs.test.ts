import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, promises as fs, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { basename, join } from 'path';
import { ImportCancelled, ImportError } from '../../src/core/errors';
import { importProfile, importProfileFile } from '../../src/core/import/index';
import type { Profile } from '../../src/core/model';
import { bytesSource, fileSource } from '../../src/core/source';
import { checkProfile } from '../fuzz/invariants';
import {
  gzipBomb,
  PROFILES,
  prng,
  profileFixtures,
  randomBytes,
  sparseFile,
} from '../support/bad-files';

// Broken, hostile and vanishing files through importProfile: each ends in a Profile that keeps
// the model's invariants or in an ImportError whose message says what is wrong, and none is
// read further than needed to say so. (The CLI side is in bad-inputs-cli.test.ts.)

const GB = 1024 ** 3;

async function outcome(run: () => Promise<Profile>): Promise<Profile | ImportError> {
  try {
    const profile = await run();
    checkProfile(profile);
    return profile;
  } catch (err) {
    if (err instanceof ImportError) return err;
    throw err;
  }
}

async function rejectsWith(run: () => Promise<unknown>, message: RegExp): Promise<void> {
  await assert.rejects(run, (err: Error) => {
    assert.ok(err instanceof ImportError, `${err.name}: ${err.message}`);
    assert.match(err.message, message);
    return true;
  });
}

describe('bad inputs through importProfile', function () {
  this.timeout(120000);
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), 'hotspot-lens-bad-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('truncated fixtures (three seeded cuts each) give a valid profile or an ImportError', async () => {
    const random = prng(8);
    let errors = 0;
    for (const rel of profileFixtures()) {
      const bytes = readFileSync(join(PROFILES, rel));
      for (let i = 0; i < 3; i++) {
        const cut = bytes.subarray(0, Math.floor(random() * bytes.length));
        const r = await outcome(() => importProfile(bytesSource(basename(rel), cut)));
        if (r instanceof ImportError) {
          errors++;
          assert.match(r.message, /^Cannot read \S+ profile/, rel);
        }
      }
    }
    // Cut gzip and JSON cannot be read: some cuts must have been refused, not imported as junk.
    assert.ok(errors > 0);
  });

  it('a wrong extension is overruled by the content', async () => {
    const cases: [string, string][] = [
      ['pprof/parca-fib.pb.gz', 'fib.json'],
      ['speedscope/speedscope-0.6.0-two-sampled.speedscope.json', 'two.pb.gz'],
      ['collapsed/speedscope-simple.txt', 'simple.perf.txt'],
      ['perf-own/hot.fp.perf.txt', 'hot.folded'],
      ['pyspy-own/default.raw.txt', 'default.pprof'],
    ];
    for (const [rel, wrongName] of cases) {
      const bytes = readFileSync(join(PROFILES, rel));
      const right = await importProfile(bytesSource(basename(rel), bytes));
      const wrong = await importProfile(bytesSource(wrongName, bytes));
      assert.equal(wrong.meta.format, right.meta.format, wrongName);
      assert.equal(wrong.meta.sampleRecords, right.meta.sampleRecords, wrongName);
      assert.deepEqual(wrong.totals, right.totals, wrongName);
    }
  });

  it('binary garbage under any profile name is refused as binary', async () => {
    for (const name of ['garbage.txt', 'garbage.pb.gz', 'garbage.json', 'garbage.folded']) {
      const bytes = randomBytes(name.length, 64 * 1024);
      const r = await outcome(() => importProfile(bytesSource(name, bytes)));
      assert.ok(r instanceof ImportError, name);
      assert.match(r.message, /binary data|not a supported profile|pprof profile/, name);
    }
  });

  it('a 0-byte file is "empty"', async () => {
    const path = join(dir, 'empty.pb.gz');
    writeFileSync(path, '');
    await rejectsWith(() => importProfileFile(path), /the file is empty/);
  });

  it('a 2 GB sparse file of zeros is refused from its head, without reading it', async () => {
    const path = await sparseFile(join(dir, 'zeros.txt'), 2 * GB);
    let read = 0;
    const onProgress = (bytes: number): void => void (read = Math.max(read, bytes));
    await rejectsWith(() => importProfileFile(path, { onProgress }), /binary data/);
    assert.ok(read < 128 * 2 ** 20, `read ${read} bytes`);
    await fs.rm(path);
  });

  it('the same file named as a text profile is refused as binary too', async () => {
    const path = await sparseFile(join(dir, 'zeros.folded'), 2 * GB);
    await rejectsWith(() => importProfileFile(path), /binary data/);
    await fs.rm(path);
  });

  it('text without newlines stops at the line-length cap, or when cancelled', async () => {
    const path = join(dir, 'one-line.folded');
    writeFileSync(path, Buffer.alloc(80 * 2 ** 20, 'a'));
    let read = 0;
    const onProgress = (bytes: number): void => void (read = Math.max(read, bytes));
    await rejectsWith(() => importProfileFile(path, { onProgress }), /longer than 64 MiB/);
    assert.ok(read < 72 * 2 ** 20, `read ${read} bytes`);
    const controller = new AbortController();
    const abort = (): void => controller.abort();
    const cancelled = importProfileFile(path, { signal: controller.signal, onProgress: abort });
    await assert.rejects(cancelled, ImportCancelled);
    await fs.rm(path);
  });

  it('a directory is named as one', async () => {
    await assert.rejects(() => importProfileFile(dir), /is a directory, not a profile file/);
  });

  it('a file deleted between sniffing and reading says so', async () => {
    const path = join(dir, 'vanishing.folded');
    copyFileSync(join(PROFILES, 'collapsed/speedscope-simple.txt'), path);
    const source = await fileSource(path);
    const vanishing = {
      ...source,
      async head(n: number) {
        const head = await source.head(n);
        await fs.rm(path);
        return head;
      },
    };
    await rejectsWith(() => importProfile(vanishing), /deleted or moved while it was being read/);
  });

  it('a file deleted during the read still imports whole (the open file stays readable)', async function () {
    if (process.platform === 'win32') this.skip();
    const path = join(dir, 'deleted.folded');
    const text = readFileSync(join(PROFILES, 'pyspy-own/default.raw.txt'), 'utf8');
    writeFileSync(path, text.repeat(Math.ceil((6 * 2 ** 20) / text.length)));
    const whole = await importProfileFile(path);
    let deleted = false;
    const onProgress = (): void => {
      if (!deleted) void fs.rm(path);
      deleted = true;
    };
    const profile = await importProfileFile(path, { onProgress });
    assert.ok(deleted);
    assert.equal(profile.meta.sampleRecords, whole.meta.sampleRecords);
  });

  it('a file cut short during the read is refused, not imported in part', async () => {
    const path = join(dir, 'shrinking.folded');
    const text = readFileSync(join(PROFILES, 'pyspy-own/default.raw.txt'), 'utf8');
    writeFileSync(path, text.repeat(Math.ceil((6 * 2 ** 20) / text.length)));
    let cut = false;
    const onProgress = (): void => {
      if (!cut) writeFileSync(path, text.slice(0, 100));
      cut = true;
    };
    await rejectsWith(
      () => importProfileFile(path, { onProgress }),
      /shrank from \d+ to \d+ bytes/,
    );
  });

  it('a gzip bomb named .pb.gz is refused while expanding', async () => {
    const bomb = await gzipBomb();
    await rejectsWith(
      () => importProfileFile(bomb),
      /expands to more than \d+ bytes \(a gzip bomb/,
    );
  });
});
