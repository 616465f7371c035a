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

  it('C/C++: skips prototypes, macros and control blocks; qualifies namespaces and classes', () => {
    const src = [
      '#define MAX(a, b) { (a) > (b) }', //            1
      '#define LOOP(x) \\', //                         2
      '  do { x++; } while (0)', //                    3
      'static int helper(int x);', //                 4
      'namespace geo {', //                            5
      'class Matrix {', //                             6
      ' public:', //                                   7
      '  Matrix(int n) : n_(n), d_(n) {}', //          8
      '  bool operator==(const Matrix& o) const {', // 9
      '    return n_ == o.n_;', //                     10
      '  }', //                                        11
      '  Matrix multiply(const Matrix& o) const;', //  12
      '};', //                                         13
      'Matrix Matrix::multiply(const Matrix& o) const', // 14
      '{', //                                          15
      '  for (int i = 0; i < n_; i++) {', //           16
      '    if (i == 0) { continue; }', //              17
      '    const char* s = "}{"; char c = \'{\';', //  18
      '  }', //                                        19
      '  return *this; /* } */', //                    20
      '}', //                                          21
      '}', //                                          22
      'struct point { int x, y; };', //                23
      'template <typename T>', //                      24
      'T maximum(T a, T b) { return a; }', //          25
      'template <>', //                                26
      'auto Box<int>::get() -> int {', //              27
      '  return 1;', //                                28
      '}', //                                          29
    ].join('\n');
    assert.deepEqual(outline(scanFunctions(src, 'cpp')), [
      'geo::Matrix::Matrix 8-8-8',
      'geo::Matrix::operator== 9-10-11',
      'geo::Matrix::multiply 14-16-21',
      'maximum 25-25-25',
      'Box::get 27-28-29',
    ]);
  });

  it('Go: receivers, generics, func literals and raw strings', () => {
    const src = [
      'package main', //                                        1
      'var tmpl = `func fake() {`', //                          2
      'func (t *T) Method(x int) (int, error) {', //            3
      '\tf := func() int {', //                                 4
      '\t\treturn t.n', //                                      5
      '\t}', //                                                 6
      '\treturn f() + x, nil', //                               7
      '}', //                                                   8
      'func (T) Value() int { return 1 }', //                   9
      'func Map[K comparable, V any](m map[K]V) []K {', //      10
      "\treturn nil // '{'", //                                 11
      '}', //                                                   12
      'type HandlerFunc func(w Writer, r *Request)', //         13
      '// ServeHTTP calls f(w, r).', //                         14
      'func (f HandlerFunc) ServeHTTP(w Writer, r *Request) {', // 15
      '\tf(w, r)', //                                           16
      '}', //                                                   17
    ].join('\n');
    assert.deepEqual(outline(scanFunctions(src, 'go')), [
      'T.Method 3-4-8',
      'T.Value 9-9-9',
      'Map 10-11-12',
      'HandlerFunc.ServeHTTP 15-16-17',
    ]);
  });

  it('Rust: impl blocks, trait impls, lifetimes, char and raw-string braces, nested fns', () => {
    const src = [
      "impl<'a> Wrapper<'a> {", //                                         1
      "    pub fn new(s: &'a str) -> Self { Wrapper { s } }", //             2
      "    fn brace(&self) -> char { '{' }", //                              3
      '}', //                                                                4
      "impl<'a> fmt::Display for Wrapper<'a> {", //                         5
      "    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {", // 6
      '        write!(f, r#"{"#)', //                                        7
      '    }', //                                                            8
      '}', //                                                                9
      'mod util {', //                                                       10
      '    pub fn helper<T: Clone>(x: T) -> T where T: Copy {', //          11
      "        fn nested() -> u8 { b'}' }", //                              12
      '        x', //                                                        13
      '    }', //                                                            14
      '}', //                                                                15
      'trait Shape { fn area(&self) -> f64; }', //                          16
    ].join('\n');
    assert.deepEqual(outline(scanFunctions(src, 'rust')), [
      'Wrapper::new 2-2-2',
      'Wrapper::brace 3-3-3',
      'Wrapper::fmt 6-7-8',
      'util::helper 11-12-14',
      'util::helper::nested 12-12-12',
    ]);
  });

  it('TypeScript: declarations, arrow constants, class members; not callbacks', () => {
    const src = [
      'export function top(a: number): Promise<void> {', // 1
      '  const re = /[{]/g; const t = `x ${a} {`;', //     2
      '}', //                                              3
      'export const arrow = async (r: Req): Promise<R> => {', // 4
      '  items.forEach((item) => {', //                    5
      '    log(item);', //                                 6
      '  });', //                                          7
      '};', //                                             8
      'class Service extends Base {', //                   9
      '  constructor(private readonly dep: Dep) {', //     10
      '    super();', //                                   11
      '  }', //                                            12
      '  async handle(req: Request): Promise<number> {', // 13
      '    if (req) { return 1; }', //                     14
      '    return 0;', //                                  15
      '  }', //                                            16
      '  onClick = (e: Event) => {', //                    17
      '    this.handle(e);', //                            18
      '  };', //                                           19
      '}', //                                              20
      "describe('x', () => {", //                          21
      '  function nestedDecl() { return 2; }', //          22
      '});', //                                            23
    ].join('\n');
    assert.deepEqual(outline(scanFunctions(src, 'typescript')), [
      'top 1-2-3',
      'arrow 4-5-8',
      'Service.constructor 10-11-12',
      'Service.handle 13-14-16',
      'Service.onClick 17-18-19',
      'nestedDecl 22-22-22',
    ]);
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
