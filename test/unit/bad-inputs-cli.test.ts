import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { gzipBomb, PROFILES, randomBytes, sparseFile } from '../support/bad-files';
import { cli, ensureCliBuilt } from './cli-support';

// The bad inputs of bad-inputs.test.ts through the real CLI (`hotspot-lens summary FILE`): exit
// status 1 and one line on stderr that says what is wrong, never a stack trace. A file deleted
// while the CLI reads it cannot be timed from outside the process; its end state (the path is
// gone) is covered here, the race itself in bad-inputs.test.ts.

const GB = 1024 ** 3;

async function refused(file: string, message: RegExp): Promise<void> {
  const r = await cli('summary', file);
  assert.equal(r.code, 1, `exit ${r.code}\n${r.stdout}\n${r.stderr}`);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, message);
  assert.doesNotMatch(r.stderr, /\n\s+at /, 'a stack trace');
}

describe('bad inputs through the CLI', function () {
  this.timeout(120000);
  let dir: string;
  before(() => {
    ensureCliBuilt();
    dir = mkdtempSync(join(tmpdir(), 'hotspot-lens-bad-cli-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('a 0-byte file', async () => {
    const path = join(dir, 'empty.folded');
    writeFileSync(path, '');
    await refused(path, /the file is empty/);
  });

  it('a 2 GB sparse file', async () => {
    const path = await sparseFile(join(dir, 'zeros.perf.txt'), 2 * GB);
    await refused(path, /binary data that is not a pprof profile/);
    rmSync(path);
  });

  it('a directory', async () => {
    const path = join(dir, 'profiles.pb.gz');
    mkdirSync(path);
    await refused(path, /is a directory/);
  });

  it('binary garbage', async () => {
    const path = join(dir, 'garbage.txt');
    writeFileSync(path, randomBytes(7, 64 * 1024));
    await refused(path, /binary data/);
  });

  it('a gzip bomb', async () => {
    await refused(await gzipBomb(), /expands to more than \d+ bytes \(a gzip bomb/);
  });

  it('a truncated gzip pprof', async () => {
    const path = join(dir, 'cut.pb.gz');
    writeFileSync(path, readFileSync(join(PROFILES, 'pprof/parca-fib.pb.gz')).subarray(0, 3000));
    await refused(path, /gzip data ends early \(truncated file\?\)/);
  });

  it('a truncated speedscope file', async () => {
    const text = readFileSync(join(PROFILES, 'pyspy-own/default.speedscope.json'), 'utf8');
    const path = join(dir, 'cut.speedscope.json');
    writeFileSync(path, text.slice(0, Math.floor(text.length / 2)));
    await refused(path, /Cannot read speedscope profile/);
  });

  it('a file that is gone', async () => {
    await refused(join(dir, 'gone.folded'), /gone\.folded: no such file/);
  });

  it('a text file without newlines', async () => {
    const path = join(dir, 'one-line.folded');
    writeFileSync(path, Buffer.alloc(80 * 2 ** 20, 'a'));
    await refused(path, /line is longer than 64 MiB/);
  });

  it('a wrong extension still imports by content', async () => {
    const path = join(dir, 'fib.json');
    writeFileSync(path, readFileSync(join(PROFILES, 'pprof/parca-fib.pb.gz')));
    const r = await cli('summary', path);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /pprof profile/);
  });
});
