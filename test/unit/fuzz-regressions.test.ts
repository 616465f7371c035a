import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { ImportError } from '../../src/core/errors';
import { importProfile } from '../../src/core/import/index';
import { bytesSource } from '../../src/core/source';
import { runCase, targets } from '../fuzz/targets';

// Inputs that once crashed an importer or broke a Profile invariant (test/fixtures/regressions,
// found by `npm run fuzz`). Each must now pass the fuzz property for every target, and give the
// message its fix introduced.

const DIR = join(__dirname, '../../../test/fixtures/regressions');

const expectedMessage: Record<string, RegExp> = {
  'pprof-time-nanos-only.bin': /pprof profile.*declares no sample_type/,
  'pprof-string-table-only.txt': /pprof profile.*declares no sample_type/,
  'sentry-chunk-infinite-wall.json':
    /sentry profile.*timestamp 1e\+308 is not a plausible epoch time/,
};

const files = readdirSync(DIR)
  .filter((f) => f !== 'README.md')
  .sort();

describe('fuzz regressions', () => {
  it('every regression input has an expected message here', () => {
    assert.deepEqual(files, Object.keys(expectedMessage).sort());
  });

  for (const file of files) {
    it(`${file}: every importer and importProfile keep the fuzz property`, async () => {
      const bytes = readFileSync(join(DIR, file));
      for (const target of targets) await runCase(target, file, bytes);
    });

    it(`${file}: importProfile explains what is wrong`, async () => {
      const bytes = readFileSync(join(DIR, file));
      await assert.rejects(importProfile(bytesSource(file, bytes)), (err: Error) => {
        assert.ok(err instanceof ImportError, err.message);
        assert.match(err.message, expectedMessage[file]);
        return true;
      });
    });
  }
});
