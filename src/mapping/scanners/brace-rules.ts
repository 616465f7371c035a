// What a `{` opens, judged from the code between the previous `;`, `{` or `}` and the brace (the
// "header"), per language. Comments and strings are already blanked (mask.ts), so the regexes
// only see code. A wrong guess costs a missing CodeLens, never a crash, so the rules stay simple.
import type { BraceLanguage } from './mask';

export type ScopeKind = 'namespace' | 'class' | 'function' | 'other';

export interface Opened {
  kind: ScopeKind;
  /** Function or scope name; for a function, the offset of the name inside the header. */
  name?: string;
  nameOffset?: number;
}

const OTHER: Opened = { kind: 'other' };

const KEYWORDS = new Set([
  'if', 'else', 'for', 'while', 'do', 'switch', 'case', 'catch', 'return', 'sizeof', 'alignof',
  'decltype', 'typeof', 'function', 'with', 'new', 'delete', 'throw', 'await', 'yield', 'match',
  'loop', 'unsafe', 'async', 'static_assert', 'defined', 'foreach', 'try', 'finally',
]); // prettier-ignore

/** `(…)` with one level of nesting: enough for default arguments and function-typed parameters. */
const P = String.raw`\((?:[^()]|\((?:[^()]|\([^()]*\))*\))*\)`;

/**
 * `parent` is the innermost enclosing scope (undefined at file level); `inFunction` says whether
 * any enclosing scope is a function or a plain block (C and Go have no nested named functions).
 */
export function classify(
  language: BraceLanguage,
  header: string,
  parent: ScopeKind | undefined,
  inFunction: boolean,
): Opened {
  switch (language) {
    case 'c':
    case 'cpp':
      return inFunction ? OTHER : classifyC(header, parent === 'class');
    case 'go':
      return inFunction ? OTHER : classifyGo(header);
    case 'rust':
      return classifyRust(header);
    case 'javascript':
    case 'typescript':
      return classifyJs(header);
  }
}

const C_TAIL = String.raw`(?:\s*(?:const|volatile|noexcept(?:\s*\([^()]*\))?|override|final|&&?|throw\s*\([^()]*\)|->\s*[\w:<>,\s*&]+|try))*\s*$`;
const C_NAME = String.raw`((?:[A-Za-z_]\w*\s*(?:<[^(){};<>]*>)?\s*::\s*)*(?:~\s*[A-Za-z_]\w*|operator\s*(?:\(\)|[^\s(]+)|[A-Za-z_]\w*))\s*(?:<[^(){};<>]*>\s*)?$`;

function classifyC(header: string, inClass: boolean): Opened {
  // A constructor's initializer list (`) : a_(x), b_(y) {`) is cut off at its colon.
  const init = /\)\s*:(?!:)/.exec(header);
  const h = init ? header.slice(0, init.index + 1) : header;
  const tail = new RegExp(`\\)${C_TAIL}`).exec(h);
  if (tail) {
    const open = matchingOpen(h, tail.index);
    const before = open < 0 ? null : new RegExp(C_NAME).exec(h.slice(0, open));
    if (before) {
      const spelled = before[1].replace(/\s+/g, '');
      const name = spelled.includes('operator') ? spelled : spelled.replace(/<[^<>]*>/g, '');
      const last = name.split('::').pop()!;
      const prefix = h.slice(0, before.index).trimEnd();
      // Constructors have no return type: accept them when qualified or inside a class body.
      const qualified =
        name.includes('::') || last.startsWith('~') || (inClass && /(?:^|:)$/.test(prefix));
      const typed = /[\w*&>]$/.test(prefix) && !/\b(?:return|else|case|new|throw)$/.test(prefix);
      if (!KEYWORDS.has(last) && (typed || qualified) && !/[=.]\s*$/.test(prefix)) {
        return { kind: 'function', name, nameOffset: before.index };
      }
    }
    return OTHER;
  }
  const ns = /\bnamespace\b\s*([\w:]*)\s*$/.exec(h);
  if (ns) return { kind: 'namespace', name: ns[1] || undefined };
  if (/\bextern\s*"\s*"\s*$/.test(h)) return { kind: 'namespace' };
  const cls =
    /\b(?:class|struct|union)\s+(?:\w+\s+)*?([A-Za-z_]\w*)\s*(?:<[^{]*>)?\s*(?:final\s*)?(?::[^{]*)?$/.exec(
      h,
    );
  if (cls && !/=/.test(h.slice(cls.index))) return { kind: 'class', name: cls[1] };
  return OTHER;
}

// Receiver `(r *T)`, `(T)` or `(l *List[K])`, then the name and the parameters.
const GO_FUNC =
  /func\s*(?:\(\s*(?:\w+\s+)?\*?\s*([A-Za-z_]\w*)[^)]*\)\s*)?([A-Za-z_]\w*)\s*(?:\[[^\]]*\]\s*)?\(/y;

function classifyGo(header: string): Opened {
  // Tried at every `func` from the last one back, so a function type earlier in the header
  // (`type H func(w W)`) cannot swallow the declaration that follows it.
  for (
    let at = header.lastIndexOf('func');
    at >= 0;
    at = at > 0 ? header.lastIndexOf('func', at - 1) : -1
  ) {
    if (at > 0 && /\w/.test(header[at - 1])) continue;
    GO_FUNC.lastIndex = at;
    const m = GO_FUNC.exec(header);
    if (!m || m[2] === 'func') continue;
    return { kind: 'function', name: m[1] ? `${m[1]}.${m[2]}` : m[2], nameOffset: at };
  }
  return OTHER;
}

function classifyRust(header: string): Opened {
  const re = /\bfn\s+(?:r#)?([A-Za-z_]\w*)\s*(?:<[^{]*?>)?\s*\(/g;
  let m: RegExpExecArray | null;
  let last: RegExpExecArray | null = null;
  while ((m = re.exec(header))) last = m;
  if (last) return { kind: 'function', name: last[1], nameOffset: last.index };
  const impl = /\bimpl\b([^]*)$/.exec(header);
  if (impl) {
    let rest = skipAngles(impl[1].trim()).replace(/\bwhere\b[^]*$/, '');
    const forAt = rest.lastIndexOf(' for ');
    if (forAt >= 0) rest = rest.slice(forAt + 5);
    const type = /([A-Za-z_]\w*)\s*(?:<[^]*)?$/.exec(rest.replace(/<[^]*$/, '').trim());
    return type ? { kind: 'class', name: type[1] } : OTHER;
  }
  const trait = /\btrait\s+([A-Za-z_]\w*)[^]*$/.exec(header);
  if (trait) return { kind: 'class', name: trait[1] };
  const mod = /\bmod\s+([A-Za-z_]\w*)\s*$/.exec(header);
  if (mod) return { kind: 'namespace', name: mod[1] };
  return OTHER;
}

const JS_TYPE = String.raw`(?:\s*:\s*[^;{}=]+?)?`;
const FIELD_NAME = String.raw`(?:^|[\s,{])([\w$]+)\s*:\s*(?:async\s+)?`;
const JS_ARROW_RULES: RegExp[] = [
  // const f = (a) => {
  new RegExp(
    String.raw`\b(?:const|let|var)\s+([\w$]+)\s*(?::[^=]+)?=\s*(?:async\s+)?(?:<[^()]*>\s*)?(?:${P}|[\w$]+)${JS_TYPE}\s*=>\s*$`,
  ),
  // name: (a) => {
  new RegExp(String.raw`${FIELD_NAME}(?:${P}|[\w$]+)${JS_TYPE}\s*=>\s*$`),
  // class field: handle = (a) => {
  new RegExp(
    String.raw`(?:^|[\s;])(#?[\w$]+)\s*(?::[^=]+)?=\s*(?:async\s+)?(?:${P}|[\w$]+)${JS_TYPE}\s*=>\s*$`,
  ),
];
const JS_RULES: RegExp[] = [
  // const f = async function (a) {
  new RegExp(
    String.raw`\b(?:const|let|var)\s+([\w$]+)\s*(?::[^=]+)?=\s*(?:async\s+)?function\b\s*\*?\s*[\w$]*\s*(?:<[^()]*>\s*)?${P}${JS_TYPE}\s*$`,
  ),
  new RegExp(String.raw`\bfunction\b\s*\*?\s*([\w$]+)\s*(?:<[^()]*>\s*)?${P}${JS_TYPE}\s*$`),
  // name: function (a) {
  new RegExp(String.raw`${FIELD_NAME}function\b\s*\*?\s*[\w$]*\s*${P}${JS_TYPE}\s*$`),
  // method(a) {   static async *gen(a): T {
  new RegExp(String.raw`(?:^|[\s;,{}*])(#?[\w$]+)\s*\??\s*(?:<[^()]*>\s*)?${P}${JS_TYPE}\s*$`),
];

function classifyJs(header: string): Opened {
  // Arrow rules only when the header ends in `=>`, the others only when it does not: the rules
  // are costly on long headers and each shape needs only its own.
  const arrow = /=>\s*$/.test(header);
  for (const re of arrow ? JS_ARROW_RULES : JS_RULES) {
    const m = re.exec(header);
    if (m && !KEYWORDS.has(m[1])) {
      return { kind: 'function', name: m[1], nameOffset: m.index + m[0].indexOf(m[1]) };
    }
  }
  const cls = /\bclass\b\s*([\w$]*)[^]*$/.exec(header);
  if (cls && !/[=(]\s*$/.test(header)) return { kind: 'class', name: cls[1] || undefined };
  return OTHER;
}

/** Index of the `(` matching the `)` at `close`, or -1. */
function matchingOpen(text: string, close: number): number {
  let depth = 0;
  for (let i = close; i >= 0; i--) {
    if (text[i] === ')') depth++;
    else if (text[i] === '(' && --depth === 0) return i;
  }
  return -1;
}

function skipAngles(text: string): string {
  if (!text.startsWith('<')) return text;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '<') depth++;
    else if (text[i] === '>' && text[i - 1] !== '-' && --depth === 0) return text.slice(i + 1);
  }
  return text;
}
