import assert from 'node:assert/strict';
import { readFileSync } from 'fs';
import { join } from 'path';
import { toCollapsed } from '../../src/core/collapsed-writer';
import { ImportError } from '../../src/core/errors';
import { collapsedImporter } from '../../src/core/import/collapsed';
import { importProfile } from '../../src/core/import/index';
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

// Where the independent reader of EXPECTED.json and this importer disagree on purpose:
// inferno-zero-fractionals writes one count as `6.`, which that reader rejects but flamegraph.pl
// and inferno read as 6 (test/fixtures/profiles/README.md). Its stacks are exactly those of
// inferno-no-fractionals, which serves as the oracle instead (see the test below).
const DISAGREES = new Set(['collapsed/inferno-zero-fractionals.txt']);

describe('collapsed importer', () => {
  for (const rel of fixturesIn('collapsed')) {
    it(`${rel}: sniffed as collapsed, numbers as EXPECTED.json, golden dump`, async () => {
      const profile = await loadFixture(rel);
      const s = expectedSummary(rel) as {
        total: number;
        invalid_lines: number;
        distinct_frames: number;
        top5_self: [string, number][];
      };
      assert.equal(profile.meta.format, 'collapsed');
      assert.deepEqual(profile.valueTypes, [{ type: 'samples', unit: 'count' }]);
      if (!DISAGREES.has(rel)) {
        assertClose(profile.totals[0], s.total, 'total');
        assertClose(profile.meta.sampleRecords, s.total, 'sampleRecords');
        assert.equal(profile.meta.skipped, s.invalid_lines, 'invalid lines');
        const self = selfBy(profile, (f) => f.name);
        for (const [name, weight] of s.top5_self) assertClose(self.get(name), weight, name);
      }
      const real = profile.frames.filter((f) => !isSynthetic(f));
      assert.equal(real.length, s.distinct_frames, 'distinct frames');
      checkGolden(rel, profile);
    });
  }

  it('reads `6.` and `31.0` counts like flamegraph.pl (zero-fractionals = no-fractionals)', async () => {
    const zero = await loadFixture('collapsed/inferno-zero-fractionals.txt');
    const plain = await loadFixture('collapsed/inferno-no-fractionals.txt');
    assert.equal(toCollapsed(zero), toCollapsed(plain));
    assert.equal(zero.meta.skipped, 0);
  });

  it('reads CRLF and UTF-16 LE/BE files like the plain one', async () => {
    const plain = toCollapsed(await loadFixture('collapsed/speedscope-simple.txt'));
    for (const variant of ['crlf', 'utf16-le', 'utf16-be']) {
      const profile = await loadFixture(`collapsed/speedscope-simple-${variant}.txt`);
      assert.equal(toCollapsed(profile), plain, variant);
    }
  });

  it('ignores `#` lines: austin headers and its `# duration:` trailer are not stacks', async () => {
    const profile = await loadFixture('collapsed/inferno-austin-flames.txt');
    assert.ok(profile.frames.every((f) => !f.name.startsWith('#')));
    assert.equal(profile.meta.tool, 'austin@3.3.0');
    assert.equal(profile.meta.skipped, 0);
  });

  it('skips invalid lines and names their line numbers', async () => {
    const profile = await loadFixture('collapsed/speedscope-simple-with-invalids.txt');
    // Line 2 is `// some other comment`, line 8 `invalid line` (line 1 is a `#` comment).
    assert.deepEqual(
      profile.meta.warnings.map((w) => w.slice(0, w.indexOf(':'))),
      ['line 2', 'line 8'],
    );
  });

  it('keeps frame names as written; `_[k]` frames are kernel frames, without file or line', async () => {
    const profile = await loadFixture('collapsed/inferno-bad-lines.txt');
    const kernel = profile.frames.filter((f) => f.kind === 'kernel').map((f) => f.name);
    assert.ok(kernel.includes('ext4_file_read_iter_[k]'));
    assert.ok(kernel.every((n) => n.endsWith('_[k]')));
    assert.ok(profile.frames.some((f) => f.name === '[unknown]' && f.kind === 'native'));
    assert.ok(profile.frames.every((f) => f.file === undefined && f.line === undefined));
  });

  it('frames may contain spaces: the count is the last token', async () => {
    const profile = await loadFixture('collapsed/inferno-tricky-stack.txt');
    const names = profile.frames.map((f) => f.name);
    assert.ok(names.includes('<alloc::vec::Vec<T> as alloc::vec::SpecExtend<T, I>>::from_iter'));
  });

  it('gives an empty stack its own frame so the totals keep its weight', async () => {
    const text = 'a;b 2\n 3\n';
    const profile = await importProfile(
      bytesSource('empty.folded', new TextEncoder().encode(text)),
    );
    assert.equal(profile.totals[0], 5);
    assert.ok(profile.frames.some((f) => f.kind === 'other'));
  });

  it('reads the same profile when chunk boundaries fall inside lines and characters', async () => {
    for (const rel of [
      'collapsed/inferno-with-space.txt',
      'collapsed/speedscope-simple-utf16-le.txt',
    ]) {
      const bytes = readFileSync(join(PROFILES, rel));
      const whole = toCollapsed(await loadFixture(rel));
      for (const size of [1, 5, 64]) {
        const profile = await importProfile(chunkedSource(rel, bytes, size));
        assert.equal(toCollapsed(profile), whole, `${rel} chunk ${size}`);
      }
    }
  });

  it('throws ImportError with the first bad line for a `.folded` file where no line parses', async () => {
    const text = '# header\nnot a stack\nneither\n';
    await assert.rejects(
      importProfile(bytesSource('broken.folded', new TextEncoder().encode(text))),
      (e: unknown) =>
        e instanceof ImportError && e.format === 'collapsed' && e.position?.line === 2,
    );
    // Without a name that claims the format it is "not mine" (null), not an error.
    const anon = await collapsedImporter.importProfile(
      bytesSource('notes.txt', new TextEncoder().encode(text)),
      {},
    );
    assert.equal(anon, null);
  });

  it('stops with ImportCancelled when aborted after the first progress report', async () => {
    await importAbortedAtFirstProgress('collapsed/speedscope-alternating.txt', 100);
  });
});
