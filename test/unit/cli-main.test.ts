import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { cli, ensureCliBuilt, REPO } from './cli-support';

// Exit codes, usage and help of the real bundled CLI.
const FIXTURES = join(REPO, 'test/fixtures/profiles');
const fx = (rel: string) => join(FIXTURES, rel);

describe('hotspot-lens command line (dist/cli.js)', function () {
  this.timeout(60000);
  before(ensureCliBuilt);

  it('fails with exit 1 on bad input and exit 2 on bad usage', async () => {
    const missing = await cli('summary', fx('no-such-file.txt'));
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /no such file/);
    const dir = await cli('summary', FIXTURES);
    assert.equal(dir.code, 1);
    assert.match(dir.stderr, /directory/);
    const tmp = mkdtempSync(join(tmpdir(), 'hl-cli-'));
    try {
      writeFileSync(join(tmp, 'notes.bin'), Buffer.from([0, 1, 2, 3, 255, 254, 0, 9]));
      const bad = await cli('summary', join(tmp, 'notes.bin'));
      assert.equal(bad.code, 1);
      assert.match(bad.stderr, /Cannot read/);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
    for (const args of [
      ['summary', fx('pyspy-own/default.raw.txt'), '--bogus'],
      ['summary', fx('pyspy-own/default.raw.txt'), '--by', 'thread'],
      ['summary', fx('pyspy-own/default.raw.txt'), '--top', 'many'],
      ['summary'],
      ['frobnicate'],
      [],
    ]) {
      const r = await cli(...args);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr, /Usage: hotspot-lens/);
    }
  });

  it('prints help and the version', async () => {
    const help = await cli('--help');
    assert.equal(help.code, 0);
    assert.match(help.stdout, /summary/);
    const sub = await cli('summary', '--help');
    assert.equal(sub.code, 0);
    assert.match(sub.stdout, /--by KIND/);
    const version = await cli('--version');
    assert.equal(
      version.stdout.trim(),
      JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')).version,
    );
  });
});
