import assert from 'node:assert/strict';
import { readFileSync } from 'fs';
import { join } from 'path';
import {
  enclosingFunction,
  languageOf,
  scanFunctions,
  type FunctionRange,
} from '../../src/mapping/functions';

const FIXTURES = join(__dirname, '../../../test/fixtures/profiles');

/** `qualifiedName start-body-end` per range, so a failure shows the whole picture. */
function outline(ranges: readonly FunctionRange[]): string[] {
  return ranges.map((r) => `${r.qualifiedName} ${r.startLine}-${r.bodyStartLine}-${r.endLine}`);
}

function scanFixture(rel: string): FunctionRange[] {
  const language = languageOf(rel);
  assert.ok(language, rel);
  return scanFunctions(readFileSync(join(FIXTURES, rel), 'utf8'), language);
}

describe('scanFunctions on the sources of the own captures', () => {
  it('finds the Python functions and methods of the py-spy workload', () => {
    assert.deepEqual(outline(scanFixture('pyspy-own/src/workload.py')), [
      'fib 13-14-16',
      'pure_python_loop 19-20-23',
      'matrix_work 26-27-29',
      'native_work 32-33-35',
      'sleeper 38-39-40',
      'worker_thread 43-44-46',
      'main_loop 49-50-54',
      'main 57-58-75',
    ]);
    assert.deepEqual(outline(scanFixture('pyspy-own/src/helpers.py')), [
      'checksum_blocks 6-7-10',
      'compress_loop 13-14-17',
      'Matrix.__init__ 21-22-23',
      'Matrix.multiply 25-26-35',
    ]);
  });

  it('finds the C functions of the perf workload, with `{` on its own line', () => {
    assert.deepEqual(outline(scanFixture('perf-own/src/hot.c')), [
      'mix 8-10-14',
      'hash_range 16-18-23',
      'compare_longs 25-27-29',
      'sort_work 31-33-40',
      'main 42-44-52',
    ]);
  });

  it('finds the Go functions of the pprof workload', () => {
    assert.deepEqual(outline(scanFixture('pprof-own-go/src/main.go')), [
      'fib 17-18-22',
      'hashLoop 24-25-32',
      'buildStrings 36-37-44',
      'main 46-47-74',
    ]);
  });
});

describe('scanFunctions on tricky code', () => {
  it('Python: decorators, async, multi-line signatures, nesting, strings and comments', () => {
    const src = [
      'SQL = """', //                                   1
      'def not_a_function():', //                       2
      '"""', //                                         3
      '# def commented_out():', //                      4
      '@functools.lru_cache(maxsize=None)', //          5
      '@staticmethod', //                               6
      'def decorated(x):', //                           7
      '    return x', //                                8
      'async def fetch(url,', //                        9
      '                *, retries=3) -> dict:', //      10
      '    """Doc', //                                  11
      'def inside_docstring():', //                     12
      '    """', //                                     13
      '    return (url,', //                            14
      ')', //                                           15
      'class Outer:', //                                16
      '    def method(self):', //                       17
      '        def inner(y):', //                       18
      '            return y', //                        19
      '        return inner(1) + \\', //                20
      '1', //                                           21
      '# a comment at column 0', //                     22
      '    def prop(self): return 1', //                23
      '', //                                            24
      '    # trailing comment', //                      25
      'x = 1', //                                       26
    ].join('\n');
    const ranges = scanFunctions(src, 'python');
    assert.deepEqual(outline(ranges), [
      'decorated 7-8-8',
      'fetch 9-11-15',
      'Outer.method 17-18-21',
      'Outer.method.inner 18-19-19',
      'Outer.prop 23-23-23',
    ]);
    assert.equal(ranges[0].decoratorLine, 5);
    assert.equal(ranges[1].decoratorLine, undefined);
  });
});

describe('languageOf and enclosingFunction', () => {
  it('knows the languages by extension', () => {
    assert.equal(languageOf('/srv/app/x.py'), 'python');
    assert.equal(languageOf('C:\\src\\Hot.CPP'), 'cpp');
    assert.equal(languageOf('lib.rs'), 'rust');
    assert.equal(languageOf('a/b.tsx'), 'typescript');
    assert.equal(languageOf('Makefile'), undefined);
  });

  it('returns the innermost function, counting decorator lines', () => {
    const src =
      'class A:\n    @dec\n    def m(self):\n        def inner():\n            pass\n        return 1\n';
    const ranges = scanFunctions(src, 'python');
    assert.equal(enclosingFunction(ranges, 5)?.qualifiedName, 'A.m.inner');
    assert.equal(enclosingFunction(ranges, 6)?.qualifiedName, 'A.m');
    assert.equal(enclosingFunction(ranges, 2)?.qualifiedName, 'A.m');
    assert.equal(enclosingFunction(ranges, 1), undefined);
  });

  it('starts a decorated function at its first decorator, even a multi-line one', () => {
    const src = '@app.route(\n    "/x",\n)\n# note\n@other\ndef handler():\n    pass\n';
    const [r] = scanFunctions(src, 'python');
    assert.deepEqual([r.decoratorLine, r.startLine, r.endLine], [1, 6, 7]);
    assert.equal(enclosingFunction([r], 2), r);
  });
});
