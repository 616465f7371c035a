// Mutations as plain data (so fast-check can print and shrink them) plus the code that applies
// them to a seed. Positions are naturals taken modulo the input's length.
import { gunzipSync, gzipSync } from 'zlib';

export type Mutation =
  | readonly ['truncate', number]
  | readonly ['flip', readonly (readonly [number, number])[]]
  | readonly ['setByte', number, number]
  | readonly ['swapLines', readonly (readonly [number, number])[]]
  | readonly ['dupLine', number, number]
  | readonly ['deleteLines', readonly number[]]
  | readonly ['insertLine', number, string]
  | readonly ['number', number, string]
  | readonly ['jsonValue', number, unknown]
  | readonly ['utf16', 'le' | 'be', boolean]
  | readonly ['gzip']
  | readonly ['gunzip']
  | readonly ['inner', readonly Mutation[]];

const NL = 0x0a;

function lines(b: Buffer): Buffer[] {
  const out: Buffer[] = [];
  let start = 0;
  for (let i = b.indexOf(NL); i >= 0; i = b.indexOf(NL, start)) {
    out.push(b.subarray(start, i));
    start = i + 1;
  }
  out.push(b.subarray(start));
  return out;
}

function join(parts: Buffer[]): Buffer {
  const withNl: Buffer[] = [];
  parts.forEach((p, i) => withNl.push(...(i > 0 ? [Buffer.of(NL), p] : [p])));
  return Buffer.concat(withNl);
}

function isGzip(b: Buffer): boolean {
  return b.length > 2 && b[0] === 0x1f && b[1] === 0x8b;
}

function gunzipOrSame(b: Buffer): Buffer {
  if (!isGzip(b)) return b;
  try {
    return gunzipSync(b);
  } catch {
    return b;
  }
}

/** Replaces the k-th number token with `replacement` (counts, line numbers, varint-ish text). */
function replaceNumber(b: Buffer, k: number, replacement: string): Buffer {
  const text = b.toString('latin1');
  const matches = [...text.matchAll(/-?\d+(\.\d+)?/g)];
  if (matches.length === 0) return b;
  const m = matches[k % matches.length];
  const at = m.index ?? 0;
  return Buffer.from(text.slice(0, at) + replacement + text.slice(at + m[0].length), 'latin1');
}

/** Replaces the k-th value of a JSON document (walk order) by `value`; non-JSON is unchanged. */
function replaceJsonValue(b: Buffer, k: number, value: unknown): Buffer {
  let doc: unknown;
  try {
    doc = JSON.parse(b.toString('utf8'));
  } catch {
    return b;
  }
  const slots: [Record<string, unknown> | unknown[], string | number][] = [];
  const walk = (v: unknown): void => {
    if (slots.length > 20000 || v === null || typeof v !== 'object') return;
    for (const key of Object.keys(v)) {
      const container = v as Record<string, unknown>;
      slots.push([container, Array.isArray(v) ? Number(key) : key]);
      walk(container[key]);
    }
  };
  walk(doc);
  if (slots.length === 0) return b;
  const [container, key] = slots[k % slots.length];
  (container as Record<string | number, unknown>)[key] = value;
  return Buffer.from(JSON.stringify(doc));
}

function toUtf16(b: Buffer, order: 'le' | 'be', bom: boolean): Buffer {
  const le = Buffer.from((bom ? '\ufeff' : '') + b.toString('utf8'), 'utf16le');
  if (order === 'be') le.swap16();
  return le;
}

export function applyMutation(b: Buffer, m: Mutation): Buffer {
  const n = b.length;
  switch (m[0]) {
    case 'truncate':
      return b.subarray(0, m[1] % (n + 1));
    case 'flip': {
      if (n === 0) return b;
      const c = Buffer.from(b);
      for (const [pos, xor] of m[1]) c[pos % n] ^= xor;
      return c;
    }
    case 'setByte': {
      if (n === 0) return b;
      const c = Buffer.from(b);
      c[m[1] % n] = m[2];
      return c;
    }
    case 'swapLines': {
      const ls = lines(b);
      for (const [i, j] of m[1]) {
        const a = i % ls.length;
        const z = j % ls.length;
        [ls[a], ls[z]] = [ls[z], ls[a]];
      }
      return join(ls);
    }
    case 'dupLine': {
      const ls = lines(b);
      const i = m[1] % ls.length;
      ls.splice(i, 0, ...Array<Buffer>(m[2]).fill(ls[i]));
      return join(ls);
    }
    case 'deleteLines': {
      const ls = lines(b);
      const drop = new Set(m[1].map((i) => i % ls.length));
      return join(ls.filter((_, i) => !drop.has(i)));
    }
    case 'insertLine': {
      const ls = lines(b);
      ls.splice(m[1] % (ls.length + 1), 0, Buffer.from(m[2], 'utf8'));
      return join(ls);
    }
    case 'number':
      return replaceNumber(b, m[1], m[2]);
    case 'jsonValue':
      return replaceJsonValue(b, m[1], m[2]);
    case 'utf16':
      return toUtf16(b, m[1], m[2]);
    case 'gzip':
      return gzipSync(b);
    case 'gunzip':
      return gunzipOrSame(b);
    case 'inner': {
      // Mutate inside the gzip wrapper (pprof), so the corruption reaches the protobuf decoder.
      if (!isGzip(b)) return m[1].reduce(applyMutation, b);
      return gzipSync(m[1].reduce(applyMutation, gunzipOrSame(b)));
    }
  }
}
