// Blanks out comments, string/char literals (and C preprocessor lines) so brace matching and
// signature regexes only see code. Every masked character becomes a space and newlines are kept,
// so offsets and line numbers in the masked text are those of the original.

export type BraceLanguage = 'c' | 'cpp' | 'go' | 'rust' | 'javascript' | 'typescript';

export function maskCode(text: string, language: BraceLanguage): string {
  // Kept text and blanked runs are appended in order, which is much cheaper than a char array.
  const out: string[] = [];
  let kept = 0;
  const blank = (from: number, to: number) => {
    if (to <= from) return;
    out.push(text.slice(kept, from), text.slice(from, to).replace(/[^\n]/g, ' '));
    kept = to;
  };
  const n = text.length;
  const js = language === 'javascript' || language === 'typescript';
  let i = 0;
  let lineStart = true;
  while (i < n) {
    const c = text[i];
    const next = text[i + 1];
    if (c === '\n') {
      lineStart = true;
      i++;
      continue;
    }
    if ((language === 'c' || language === 'cpp') && lineStart && c === '#') {
      // A preprocessor directive runs to the end of the line, continued by a trailing backslash.
      let j = i;
      while (j < n && !(text[j] === '\n' && text[j - 1] !== '\\')) j++;
      blank(i, j);
      i = j;
      continue;
    }
    if (c !== ' ' && c !== '\t' && c !== '\r') lineStart = false;
    if (c === '/' && next === '/') {
      const j = text.indexOf('\n', i);
      const end = j < 0 ? n : j;
      blank(i, end);
      i = end;
    } else if (c === '/' && next === '*') {
      const j = text.indexOf('*/', i + 2);
      const end = j < 0 ? n : j + 2;
      blank(i, end);
      i = end;
    } else if (
      c === '"' ||
      (c === "'" && language !== 'rust') ||
      (c === '`' && (js || language === 'go'))
    ) {
      const end = c === '`' && language === 'go' ? rawEnd(text, i + 1, '`') : quotedEnd(text, i, c);
      blank(i + 1, end - 1);
      i = end;
    } else if (language === 'rust' && (c === 'r' || c === 'b') && isRustRaw(text, i)) {
      const start = text.indexOf('"', i);
      const hashes = start - i - (c === 'b' ? 2 : 1);
      const close = text.indexOf(`"${'#'.repeat(hashes)}`, start + 1);
      const end = close < 0 ? n : close + 1 + hashes;
      blank(start + 1, end - 1 - hashes);
      i = end;
    } else if (language === 'rust' && c === "'") {
      // `'a'`, `'\n'`, `'\u{1F600}'` are chars; `'a` alone is a lifetime and is left as is.
      const m = /^'(?:\\(?:u\{[0-9a-fA-F]+\}|x[0-9a-fA-F]{2}|.)|[^\\'\n])'/.exec(
        text.slice(i, i + 12),
      );
      if (m) {
        blank(i + 1, i + m[0].length - 1);
        i += m[0].length;
      } else i++;
    } else if (js && c === '/' && regexCanStart(text, i)) {
      const end = regexEnd(text, i);
      if (end > 0) {
        blank(i + 1, end - 1);
        i = end;
      } else i++;
    } else i++;
  }
  out.push(text.slice(kept));
  return out.join('');
}

/** End (exclusive) of a quoted literal starting at `start`; a newline ends an unclosed one. */
function quotedEnd(text: string, start: number, quote: string): number {
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === quote) return i + 1;
    else if (c === '\n' && quote !== '`') return i;
  }
  return text.length;
}

function rawEnd(text: string, from: number, quote: string): number {
  const j = text.indexOf(quote, from);
  return j < 0 ? text.length : j + 1;
}

function isRustRaw(text: string, i: number): boolean {
  if (i > 0 && /[\w]/.test(text[i - 1])) return false;
  return /^(?:br|r)#*"/.test(text.slice(i, i + 40));
}

/**
 * A `/` starts a regex literal after an opening bracket, `=`, `,`, `:`, `!`, `&`, `|`, `?`, `;`,
 * an arrow or a keyword like return; after a value it is a division (`(a + b) / 2`, `i++ / 2`).
 */
function regexCanStart(text: string, i: number): boolean {
  if (text[i + 1] === '/' || text[i + 1] === '*') return false;
  let j = i - 1;
  while (j >= 0 && (text[j] === ' ' || text[j] === '\t')) j--;
  if (j < 0 || text[j] === '\n') return true;
  if (/[(,=:[!&|?{};]/.test(text[j])) return true;
  if (text[j] === '>' && text[j - 1] === '=') return true;
  const word = /(?:return|typeof|case|do|else|in|of|void|yield|await)$/.exec(
    text.slice(Math.max(0, j - 9), j + 1),
  );
  return word !== null && !/[\w$]/.test(text[j - word[0].length] ?? '');
}

/** End (exclusive) of the regex literal at `start`, or -1 when the line ends first (a division). */
function regexEnd(text: string, start: number): number {
  let inClass = false;
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '[') inClass = true;
    else if (c === ']') inClass = false;
    else if (c === '/' && !inClass) return i + 1;
    else if (c === '\n') return -1;
  }
  return -1;
}
