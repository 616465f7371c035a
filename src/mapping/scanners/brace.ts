// Function ranges for brace languages (C, C++, Go, Rust, JavaScript, TypeScript): blank out
// comments and strings, walk the braces with a scope stack, and let brace-rules.ts say what each
// `{` opens. A function ends at its matching `}`.
import type { FunctionRange } from '../functions';
import { classify, type Opened, type ScopeKind } from './brace-rules';
import { maskCode, type BraceLanguage } from './mask';

interface Scope {
  kind: ScopeKind;
  name?: string;
  /** For a `{` inside parentheses (destructured parameters, callbacks): the header to resume. */
  resume?: { boundary: number; parenDepth: number };
  range?: { name: string; qualifiedName: string; startLine: number; bodyStartLine: number };
}

const MAX_HEADER = 4000;

export function scanBraceFunctions(text: string, language: BraceLanguage): FunctionRange[] {
  const code = maskCode(text, language);
  const lineStarts = [0];
  for (let i = 0; i < code.length; i++) if (code[i] === '\n') lineStarts.push(i + 1);
  const lineOf = (offset: number) => upperBound(lineStarts, offset);
  const separator =
    language === 'go' || language === 'javascript' || language === 'typescript' ? '.' : '::';

  const result: FunctionRange[] = [];
  const stack: Scope[] = [];
  const js = language === 'javascript' || language === 'typescript';
  let boundary = 0;
  let parenDepth = 0;
  for (let i = 0; i < code.length; i++) {
    const c = code[i];
    if (c === '(') {
      parenDepth++;
    } else if (c === ')') {
      if (parenDepth > 0) parenDepth--;
    } else if (c === ';') {
      if (parenDepth === 0) boundary = i + 1; // `for (;;)` is one header
    } else if (c === '{') {
      // No signature is longer than this; the cap keeps regexes cheap after long masked comments.
      const from = Math.max(boundary, i - MAX_HEADER);
      const header = code.slice(from, i);
      const parent = stack[stack.length - 1];
      const inFunction = stack.some((s) => s.kind === 'function' || s.kind === 'other');
      // Only JavaScript names functions inside an argument list (`app.get('/', function h() {`).
      const nested = parenDepth > 0;
      const opened: Opened =
        nested && !js ? { kind: 'other' } : classify(language, header, parent?.kind, inFunction);
      const scope: Scope = { kind: opened.kind, name: opened.name };
      if (nested) scope.resume = { boundary, parenDepth };
      if (opened.kind === 'function' && opened.name !== undefined) {
        const own = opened.name.split(/::|\./);
        const qualifiedName = [...scopeNames(stack), opened.name].join(separator);
        scope.range = {
          name: own[own.length - 1],
          qualifiedName: language === 'go' ? opened.name : qualifiedName,
          startLine: lineOf(from + (opened.nameOffset ?? 0)),
          bodyStartLine: lineOf(firstCodeAfter(code, i + 1)),
        };
      }
      stack.push(scope);
      boundary = i + 1;
      parenDepth = 0;
    } else if (c === '}') {
      const scope = stack.pop();
      if (scope?.range) {
        const endLine = lineOf(i);
        result.push({
          ...scope.range,
          bodyStartLine: Math.min(scope.range.bodyStartLine, endLine),
          endLine,
        });
      }
      boundary = scope?.resume ? scope.resume.boundary : i + 1;
      parenDepth = scope?.resume ? scope.resume.parenDepth : 0;
    }
  }
  return result.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
}

/** Names of the enclosing namespaces, classes/impls and functions, outermost first. */
function scopeNames(stack: readonly Scope[]): string[] {
  const names: string[] = [];
  for (const s of stack) {
    if (s.kind === 'function' && s.range) names.push(s.range.name);
    else if ((s.kind === 'class' || s.kind === 'namespace') && s.name) names.push(s.name);
  }
  return names;
}

function firstCodeAfter(code: string, from: number): number {
  let i = from;
  while (i < code.length && /\s/.test(code[i])) i++;
  return i;
}

/** 1-based line of `offset`: the number of line starts at or before it. */
function upperBound(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid] <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
