import assert from 'node:assert/strict';
import { scanFunctions, type FunctionRange } from '../../src/mapping/functions';

// The brace-language scanner (C, C++, Go, Rust, JavaScript, TypeScript) on code written to trip
// it: braces in strings, chars, comments, regexes and macros; prototypes; nested scopes.
function outline(ranges: readonly FunctionRange[]): string[] {
  return ranges.map((r) => `${r.qualifiedName} ${r.startLine}-${r.bodyStartLine}-${r.endLine}`);
}

describe('scanFunctions on brace languages', () => {
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

  it('JavaScript: tells a division from a regex literal', () => {
    const src = [
      'function a(x, y) {', //                  1
      '  if (x < y / 2) {', //                  2
      '    return i++ / 2;', //                  3
      '  }', //                                  4
      '  return x.replace(/[{]/g, "");', //     5
      '}', //                                    6
      'function b() {', //                       7
      '  return [1].map((v) => /}/.test(v));', // 8
      '}', //                                    9
    ].join('\n');
    assert.deepEqual(outline(scanFunctions(src, 'javascript')), ['a 1-2-6', 'b 7-8-9']);
  });
});
