import assert from 'node:assert/strict';
import { execFileSync } from 'child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'fs';
import { tmpdir } from 'os';
import { dirname, join, relative } from 'path';
import { checkDocReferences, githubSlug, headingsOf } from '../support/doc-references';

// "A clone can check every claim": no file may cite a document, a § section or a heading the
// repository does not have (issue 11). The checker is test/support/doc-references.ts.

const ROOT = join(__dirname, '..', '..', '..');
// `.md` is appended at run time so that this file's own examples are not references.
const MD = '.md';

/** The repository's tracked files: a document that is not committed is not in the repository. */
function repositoryFiles(): string[] {
  try {
    const out = execFileSync('git', ['ls-files', '-z'], {
      cwd: ROOT,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    return out
      .split('\0')
      .filter((f) => f && existsSync(join(ROOT, f)) && statSync(join(ROOT, f)).isFile());
  } catch {
    // Not a git checkout (an unpacked archive): walk the tree instead.
    const skip = new Set(['.git', 'node_modules', 'out', 'dist', '.e2e', 'test-results']);
    const walk = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
        if (skip.has(e.name)) return [];
        const path = join(dir, e.name);
        return e.isDirectory() ? walk(path) : e.isFile() ? [relative(ROOT, path)] : [];
      });
    return walk(ROOT).map((f) => f.split('\\').join('/'));
  }
}

function writeTree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'doc-refs-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

describe('document references', () => {
  it('every document, § section, heading and relative link named in the repository exists', () => {
    const files = repositoryFiles();
    assert.ok(files.includes('docs/formats' + MD), 'the file list misses docs/');
    // The checker and this test are full of made-up references on purpose.
    const bad = checkDocReferences(ROOT, files, [
      'test/support/doc-references.ts',
      'test/unit/doc-references.test.ts',
    ]);
    assert.deepEqual(
      bad.map((b) => `${b.file}:${b.line}: ${b.text.trim()} — ${b.reason}`),
      [],
      'point these at a document of the repository (docs/…) or at the upstream source by URL',
    );
  });

  it('catches a missing file, a missing section or heading, and a broken link', () => {
    const doc = 'docs/a' + MD;
    const dir = writeTree({
      [doc]: [
        '# A',
        '## 1. One',
        '### 1.2 Two',
        '```',
        '## 9. Inside a code block, not a heading',
        '```',
        'See §1.2 and §4.',
      ].join('\n'),
      'src/x.ts': [
        `// ${doc} §1.2 is fine, ${doc} §9 is not; sections 1 and 3 of ${doc} are not read here.`,
        `// ${doc}, sections 1 and 3: one of the two is missing.`,
        `// docs/missing${MD} and the bare STYLE${MD} are not in the repository.`,
        `// ${doc} "Two" is a heading, ${doc} "Three" is not.`,
        `// https://example.com/blob/main/README${MD} is a URL, not a path.`,
        '// docs/vscode-e2e/probe.mjs is not here.',
      ].join('\n'),
      ['README' + MD]: [
        `[ok](${doc}#1-one) [ok](docs/) [bad](docs/nope${MD}) [bad anchor](${doc}#nowhere)`,
        `[external](https://example.com/x${MD}) [self](#nothing)`,
      ].join('\n'),
    });
    try {
      const files = [doc, 'src/x.ts', 'README' + MD];
      const bad = checkDocReferences(dir, files).map((b) => `${b.file}:${b.line} ${b.reason}`);
      assert.deepEqual(bad.sort(), [
        `README${MD}:1 docs/a${MD} has no heading with the anchor #nowhere`,
        `README${MD}:1 the link goes to docs/nope${MD}, which is not in the repository`,
        `README${MD}:2 README${MD} has no heading with the anchor #nothing`,
        `docs/a${MD}:7 docs/a${MD} has no section 4`,
        `src/x.ts:1 docs/a${MD} has no section 9`,
        `src/x.ts:2 docs/a${MD} has no section 3`,
        `src/x.ts:3 STYLE${MD} is not a file of the repository`,
        `src/x.ts:3 docs/missing${MD} is not a file of the repository`,
        `src/x.ts:4 docs/a${MD} has no heading "Three"`,
        'src/x.ts:6 docs/vscode-e2e/probe.mjs is not in the repository',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads heading numbers and anchors as GitHub does', () => {
    const doc = headingsOf('## 3. Linux `perf script`\n### 3.1 The sample header\n## Notes');
    assert.deepEqual([...doc.numbers], ['3', '3.1']);
    assert.ok(doc.slugs.has('3-linux-perf-script'));
    assert.equal(githubSlug('4.2 The 429'), '42-the-429');
  });
});
