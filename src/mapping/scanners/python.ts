// Python function ranges from indentation. Lines that continue a logical line (open brackets,
// backslashes, triple-quoted strings) neither start nor end a block, and `def` inside a string or
// comment is not a definition, so the text is first lexed into per-line facts.
import type { FunctionRange } from '../functions';

interface LineFact {
  /** The line begins a new logical line (not inside brackets, a string, or after `\`). */
  start: boolean;
  indent: number;
  /** The line has code (not blank, not only a comment). */
  code: boolean;
  /** The line with strings' contents and comments blanked. */
  masked: string;
}

export function scanPythonFunctions(text: string): FunctionRange[] {
  const lines = lexLines(text);
  const result: FunctionRange[] = [];
  const scopes: { indent: number; name: string }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const fact = lines[i];
    if (!fact.start || !fact.code) continue;
    while (scopes.length > 0 && scopes[scopes.length - 1].indent >= fact.indent) scopes.pop();
    const m = /^\s*(?:(async\s+)?def\s+([A-Za-z_]\w*)|class\s+([A-Za-z_]\w*))/.exec(fact.masked);
    if (!m) continue;
    const name = m[2] ?? m[3];
    const sigEnd = logicalEnd(lines, i);
    if (m[2] !== undefined) {
      const colon = lines[sigEnd].masked.lastIndexOf(':');
      const inline = /\S/.test(lines[sigEnd].masked.slice(colon + 1));
      const endLine = blockEnd(lines, sigEnd, fact.indent);
      let bodyStart = inline ? sigEnd : sigEnd + 1;
      while (bodyStart < endLine && !lines[bodyStart].code) bodyStart++;
      const decorator = firstDecorator(lines, i, fact.indent);
      result.push({
        name,
        qualifiedName: [...scopes.map((s) => s.name), name].join('.'),
        startLine: i + 1,
        bodyStartLine: Math.min(bodyStart, endLine) + 1,
        endLine: endLine + 1,
        ...(decorator < i ? { decoratorLine: decorator + 1 } : {}),
      });
    }
    scopes.push({ indent: fact.indent, name });
  }
  return result;
}

/** The first line of the decorators above line `def` (multi-line decorator calls included). */
function firstDecorator(lines: readonly LineFact[], def: number, indent: number): number {
  let first = def;
  for (let j = def - 1; j >= 0; j--) {
    const line = lines[j];
    if (!line.start || !line.code) continue;
    if (line.indent !== indent || !/^\s*@/.test(line.masked)) break;
    first = j;
  }
  return first;
}

/** Last physical line (0-based) of the logical line starting at `i`. */
function logicalEnd(lines: readonly LineFact[], i: number): number {
  let j = i;
  while (j + 1 < lines.length && !lines[j + 1].start) j++;
  return j;
}

/** Last line with code of the block whose header ends at `sigEnd` and is indented `indent`. */
function blockEnd(lines: readonly LineFact[], sigEnd: number, indent: number): number {
  let end = sigEnd;
  for (let j = sigEnd + 1; j < lines.length; j++) {
    const f = lines[j];
    if (f.start && f.code && f.indent <= indent) break;
    if (f.code || (!f.start && /\S/.test(f.masked))) end = j;
  }
  return end;
}

function lexLines(text: string): LineFact[] {
  const facts: LineFact[] = [];
  let quote = ''; // the open string's delimiter: ', ", ''' or """
  let depth = 0;
  let continued = false;
  for (const raw of text.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const start = quote === '' && depth === 0 && !continued;
    const out = line.split('');
    let i = 0;
    if (quote.length === 1) quote = ''; // a single-quoted string cannot span lines
    while (i < line.length) {
      const c = line[i];
      if (quote !== '') {
        if (c === '\\') {
          out[i] = ' ';
          if (i + 1 < line.length) out[i + 1] = ' ';
          i += 2;
        } else if (line.startsWith(quote, i)) {
          i += quote.length;
          quote = '';
        } else out[i++] = ' ';
      } else if (c === '#') {
        for (let j = i; j < line.length; j++) out[j] = ' ';
        break;
      } else if (c === '"' || c === "'") {
        quote = line.startsWith(c.repeat(3), i) ? c.repeat(3) : c;
        i += quote.length;
      } else {
        if (c === '(' || c === '[' || c === '{') depth++;
        else if ((c === ')' || c === ']' || c === '}') && depth > 0) depth--;
        i++;
      }
    }
    const masked = out.join('');
    continued = quote === '' && /\\$/.test(masked);
    const indent = /^[ \t]*/.exec(line)![0].replace(/\t/g, '        ').length;
    facts.push({ start, indent, code: start ? /\S/.test(masked) : /\S/.test(line), masked });
  }
  return facts;
}
