// Function ranges of a source file, found by a small per-language scanner. The editor prefers
// document symbols when a language extension provides them; this is the fallback that works
// everywhere, including in the CLI and in tests (docs/DESIGN.md "The model").
import { scanBraceFunctions } from './scanners/brace';
import { scanPythonFunctions } from './scanners/python';

export type LanguageId = 'python' | 'c' | 'cpp' | 'go' | 'rust' | 'javascript' | 'typescript';

/** All lines 1-based and inclusive. */
export interface FunctionRange {
  /** The bare name (`multiply`). */
  name: string;
  /** With enclosing classes/impls/namespaces/functions: `Matrix.multiply`, `T.Method`, `Type::f`. */
  qualifiedName: string;
  /** The `def`/`fn`/`func` or signature line that holds the name (decorators excluded). */
  startLine: number;
  /** First line of the body (after the `:` or `{`). */
  bodyStartLine: number;
  endLine: number;
  /**
   * Python only: the first decorator line. py-spy `--function` reports `co_firstlineno`, which
   * is this line for decorated functions.
   */
  decoratorLine?: number;
}

const EXTENSIONS: Record<string, LanguageId> = {
  py: 'python',
  pyw: 'python',
  pyi: 'python',
  c: 'c',
  h: 'c',
  cc: 'cpp',
  cpp: 'cpp',
  cxx: 'cpp',
  'c++': 'cpp',
  hh: 'cpp',
  hpp: 'cpp',
  hxx: 'cpp',
  ipp: 'cpp',
  go: 'go',
  rs: 'rust',
  js: 'javascript',
  mjs: 'javascript',
  cjs: 'javascript',
  jsx: 'javascript',
  ts: 'typescript',
  mts: 'typescript',
  cts: 'typescript',
  tsx: 'typescript',
};

export function languageOf(fileName: string): LanguageId | undefined {
  const base = fileName.replace(/\\/g, '/').split('/').pop() ?? '';
  const dot = base.lastIndexOf('.');
  if (dot <= 0) return undefined;
  return EXTENSIONS[base.slice(dot + 1).toLowerCase()];
}

/** Functions in `text`, sorted by start line (outer before inner on the same line). */
export function scanFunctions(text: string, language: LanguageId): FunctionRange[] {
  if (language === 'python') return scanPythonFunctions(text);
  return scanBraceFunctions(text, language);
}

/** The innermost function whose range holds `line` (a decorator line counts as its function's). */
export function enclosingFunction(
  ranges: readonly FunctionRange[],
  line: number,
): FunctionRange | undefined {
  let best: FunctionRange | undefined;
  for (const r of ranges) {
    if (line < (r.decoratorLine ?? r.startLine) || line > r.endLine) continue;
    if (!best || span(r) < span(best) || (span(r) === span(best) && r.startLine > best.startLine)) {
      best = r;
    }
  }
  return best;
}

function span(r: FunctionRange): number {
  return r.endLine - r.startLine;
}
