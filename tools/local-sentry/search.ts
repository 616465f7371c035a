// A subset of Sentry's search syntax (docs/sentry-api.md §2.5): `key:value`, `key:"quoted"`,
// `key:[a,b]`, `!key:value`, `has:key`, `!has:key`, wildcards `*`, numeric comparisons
// (`span.duration:>100`, with ms/s/m/h units), implicit AND, explicit AND/OR and parentheses.
// Free text matches span.description as `*text*`, like the Explore search bar.
import { isAggregate, isNumericField, resolveField } from './fields';
import type { SpanStore } from './store';
import type { StoredSpan } from './types';

export type Predicate = (span: StoredSpan, store: SpanStore) => boolean;

export class SearchError extends Error {}

type Token = { kind: 'lp' | 'rp' | 'and' | 'or' } | { kind: 'term'; text: string };

function tokenize(q: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < q.length) {
    const c = q[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === '(' || c === ')') {
      out.push({ kind: c === '(' ? 'lp' : 'rp' });
      i++;
    } else {
      // A term runs to whitespace or an unmatched ')', keeping [..], (..) and "..." whole.
      let j = i;
      let depth = 0;
      let quoted = false;
      while (j < q.length) {
        const d = q[j];
        if (quoted) {
          if (d === '\\') j++;
          else if (d === '"') quoted = false;
        } else if (d === '"') quoted = true;
        else if (d === '[' || d === '(') depth++;
        else if (d === ']' || d === ')') {
          if (depth === 0) break;
          depth--;
        } else if (/\s/.test(d) && depth === 0) break;
        j++;
      }
      if (quoted) throw new SearchError(`Invalid query. Unbalanced quotes in: ${q.slice(i)}`);
      const text = q.slice(i, j);
      if (text === 'AND' || text === 'OR') out.push({ kind: text === 'AND' ? 'and' : 'or' });
      else out.push({ kind: 'term', text });
      i = j;
    }
  }
  return out;
}

function unquote(v: string): string {
  return v.startsWith('"') && v.endsWith('"') && v.length >= 2
    ? v.slice(1, -1).replace(/\\(.)/g, '$1')
    : v;
}

const UNITS: Record<string, number> = { ms: 1, s: 1e3, m: 6e4, min: 6e4, h: 3.6e6 };

function parseNumber(raw: string, field: string): number {
  const m = /^(-?\d+(?:\.\d+)?)(ms|s|min|m|h)?$/.exec(raw);
  if (!m) throw new SearchError(`Invalid number: ${raw} for ${field}`);
  return Number(m[1]) * (m[2] ? UNITS[m[2]] : 1);
}

function matcher(field: string, raw: string): (v: unknown) => boolean {
  const cmp = /^(>=|<=|>|<)(.*)$/.exec(raw);
  if (cmp) {
    const n = parseNumber(cmp[2], field);
    const ops: Record<string, (a: number) => boolean> = {
      '>': (a) => a > n,
      '<': (a) => a < n,
      '>=': (a) => a >= n,
      '<=': (a) => a <= n,
    };
    return (v) => typeof v === 'number' && ops[cmp[1]](v);
  }
  if (raw.startsWith('[') && raw.endsWith(']')) {
    const parts = raw
      .slice(1, -1)
      .split(',')
      .map((p) => matcher(field, p.trim()));
    return (v) => parts.some((m) => m(v));
  }
  const value = unquote(raw);
  if (isNumericField(field)) {
    const n = parseNumber(value, field);
    return (v) => typeof v === 'number' && v === n;
  }
  if (value.includes('*')) {
    const esc = value.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
    const re = new RegExp(`^${esc}$`, 's');
    return (v) => v !== undefined && v !== null && re.test(String(v));
  }
  return (v) => v !== undefined && v !== null && String(v) === value;
}

function termPredicate(text: string): Predicate {
  const negated = text.startsWith('!');
  const body = negated ? text.slice(1) : text;
  const colon = body.search(/:(?![^[]*\])/);
  let p: Predicate;
  if (colon <= 0) {
    const m = matcher('span.description', `*${unquote(body)}*`);
    p = (s) => m(s.description);
  } else {
    const key = body.slice(0, colon);
    const raw = body.slice(colon + 1);
    if (isAggregate(key)) throw new SearchError(`Aggregate filters are not supported here: ${key}`);
    if (key === 'has') {
      p = (s, store) => {
        const v = resolveField(s, raw, store);
        return v !== undefined && v !== null && v !== '';
      };
    } else {
      const m = matcher(key, raw);
      p = (s, store) => m(resolveField(s, key, store));
    }
  }
  return negated ? (s, store) => !p(s, store) : p;
}

/** Parses a query into a predicate; an empty query matches everything. */
export function parseSearch(query: string): Predicate {
  const tokens = tokenize(query);
  let pos = 0;
  const primary = (): Predicate => {
    const t = tokens[pos++];
    if (!t) throw new SearchError('Invalid query. Expected a term at the end of the query.');
    if (t.kind === 'term') return termPredicate(t.text);
    if (t.kind === 'lp') {
      const inner = orExpr();
      if (tokens[pos++]?.kind !== 'rp') throw new SearchError('Invalid query. Unmatched "(".');
      return inner;
    }
    throw new SearchError(`Invalid query. Unexpected ${t.kind.toUpperCase()}.`);
  };
  const andExpr = (): Predicate => {
    const parts = [primary()];
    while (pos < tokens.length && tokens[pos].kind !== 'or' && tokens[pos].kind !== 'rp') {
      if (tokens[pos].kind === 'and') pos++;
      parts.push(primary());
    }
    return (s, store) => parts.every((p) => p(s, store));
  };
  const orExpr = (): Predicate => {
    const parts = [andExpr()];
    while (tokens[pos]?.kind === 'or') {
      pos++;
      parts.push(andExpr());
    }
    return (s, store) => parts.some((p) => p(s, store));
  };
  if (tokens.length === 0) return () => true;
  const pred = orExpr();
  if (pos < tokens.length) throw new SearchError('Invalid query. Unmatched ")".');
  return pred;
}
