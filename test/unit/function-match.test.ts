import assert from 'node:assert/strict';
import { readFileSync } from 'fs';
import { join } from 'path';
import { listWorkspaceFiles } from '../../src/cli/workspace-files';
import { importProfileFile } from '../../src/core/import/index';
import { matchFunction } from '../../src/mapping/function-match';
import { languageOf, scanFunctions, type FunctionRange } from '../../src/mapping/functions';
import { PathResolver } from '../../src/mapping/path-map';

const FIXTURES = join(__dirname, '../../../test/fixtures/profiles');

function scanFixture(rel: string): FunctionRange[] {
  const language = languageOf(rel);
  assert.ok(language, rel);
  return scanFunctions(readFileSync(join(FIXTURES, rel), 'utf8'), language);
}

describe('matchFunction', () => {
  const cases: [string, (name: string) => string][] = [
    ['pyspy-own/default.raw.txt', (n) => n],
    ['pyspy-own/function.raw.txt', (n) => n],
    ['perf-own/hot.fp.srcline.perf.txt', (n) => n],
    ['pprof-own-go/go-simple.cpu.pb.gz', (n) => n.split('.').pop()!],
  ];
  for (const [rel, bare] of cases) {
    it(`places every workspace frame of ${rel} on the function of the same name`, async () => {
      const profile = await importProfileFile(join(FIXTURES, rel));
      const resolver = new PathResolver(await listWorkspaceFiles(FIXTURES), [], FIXTURES);
      let placed = 0;
      for (const frame of profile.frames) {
        if (frame.file === undefined || frame.line === undefined) continue;
        const r = resolver.resolve(frame.file);
        if (r.kind !== 'mapped') continue;
        const ranges = scanFixture(r.path);
        const hit = matchFunction(ranges, frame.name, [frame.line]);
        if (frame.name === '<module>') {
          assert.equal(hit, undefined);
          continue;
        }
        assert.equal(hit?.name, bare(frame.name), `${frame.name} ${frame.file}:${frame.line}`);
        placed++;
      }
      assert.ok(placed >= 4, `only ${placed} frames placed`);
    });
  }

  const go = scanFunctions(
    'func (t *T) Method() {\n\tgo func() {\n\t\twork()\n\t}()\n}\nfunc helper() {\n}\n',
    'go',
  );
  const py = scanFunctions(
    'class Matrix:\n    def multiply(self):\n        pass\nclass Other:\n    def multiply(self):\n        pass\n',
    'python',
  );

  it('reads Go, Rust and C++ spellings of qualified names', () => {
    assert.equal(matchFunction(go, 'example.com/m/pkg.(*T).Method', [])?.qualifiedName, 'T.Method');
    assert.equal(matchFunction(go, 'main.(*T).Method.func1', [3])?.qualifiedName, 'T.Method');
    assert.equal(matchFunction(go, 'main.helper', [])?.qualifiedName, 'helper');
    const rs = scanFunctions('mod util {\n    pub fn helper() {\n    }\n}\n', 'rust');
    assert.equal(matchFunction(rs, 'app::util::helper::h0123456789abcdef', [])?.name, 'helper');
    const cpp = scanFunctions(
      'namespace geo {\nint Matrix::size(int n) const {\n  return 1;\n}\n}\n',
      'cpp',
    );
    assert.equal(matchFunction(cpp, 'geo::Matrix::size(int) const', [])?.name, 'size');
    assert.equal(matchFunction(cpp, 'Vector::size()', []), undefined);
  });

  it('uses the hot lines to choose between equal names, and refuses to guess without them', () => {
    assert.equal(matchFunction(py, 'multiply', [6])?.qualifiedName, 'Other.multiply');
    assert.equal(matchFunction(py, 'multiply', [3])?.qualifiedName, 'Matrix.multiply');
    assert.equal(matchFunction(py, 'multiply', []), undefined);
    assert.equal(matchFunction(py, 'Matrix.multiply', [])?.qualifiedName, 'Matrix.multiply');
    assert.equal(matchFunction(py, 'Vector.multiply', []), undefined);
    assert.equal(matchFunction(py, '<lambda>', [3]), undefined);
    // py-spy --function reports co_firstlineno: the first decorator line of a decorated def.
    const decorated = scanFunctions('x = 1\n@cache\ndef f():\n    pass\n', 'python');
    assert.equal(matchFunction(decorated, 'f', [2])?.startLine, 3);
  });
});
