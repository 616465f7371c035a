// The table query behind /events/?dataset=spans: without aggregates a list of sample rows, with
// aggregates one row per distinct combination of the non-aggregate fields.
import { FUNCTION_RE, resolveField, type FieldValue } from './fields';
import type { SpanStore } from './store';
import type { StoredSpan } from './types';

export class QueryError extends Error {}

export type Row = Record<string, FieldValue>;

/**
 * Percentile by linear interpolation between closest ranks (NumPy's default, "type 7"):
 * rank h = (n - 1) * q over the sorted values, result v[⌊h⌋] + (h - ⌊h⌋)(v[⌊h⌋+1] - v[⌊h⌋]).
 * Sentry computes percentiles with ClickHouse's approximate `quantile`, so real Sentry numbers
 * can differ slightly; the exact definition here is what the SDK end-to-end test recomputes.
 */
export function percentile(values: number[], q: number): number | null {
  if (values.length === 0) return null;
  const v = [...values].sort((a, b) => a - b);
  const h = (v.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, v.length - 1);
  return v[lo] + (h - lo) * (v[hi] - v[lo]);
}

const PERCENTILES: Record<string, number> = {
  p50: 0.5,
  p75: 0.75,
  p90: 0.9,
  p95: 0.95,
  p99: 0.99,
  p100: 1,
  median: 0.5,
};

type Aggregator = (spans: StoredSpan[], store: SpanStore) => FieldValue;

/** Compiles `fn(arg)`; the default argument is span.duration, as in aggregates.py. */
export function compileAggregate(field: string): Aggregator {
  const m = FUNCTION_RE.exec(field);
  if (!m) throw new QueryError(`${field} is not an aggregate`);
  const name = m[1];
  const arg = m[2].trim() || 'span.duration';
  const nums = (spans: StoredSpan[], store: SpanStore): number[] =>
    spans.map((s) => resolveField(s, arg, store)).filter((v): v is number => typeof v === 'number');
  if (name === 'count' || name === 'count_sample') return (spans) => spans.length;
  if (name === 'count_unique') {
    return (spans, store) =>
      new Set(spans.map((s) => resolveField(s, arg, store)).filter((v) => v !== undefined)).size;
  }
  const pct = PERCENTILES[name.replace(/_sample$/, '')];
  if (pct !== undefined) return (spans, store) => percentile(nums(spans, store), pct);
  const reducers: Record<string, (v: number[]) => number | null> = {
    sum: (v) => v.reduce((a, b) => a + b, 0),
    avg: (v) => (v.length ? v.reduce((a, b) => a + b, 0) / v.length : null),
    min: (v) => (v.length ? Math.min(...v) : null),
    max: (v) => (v.length ? Math.max(...v) : null),
  };
  const reduce = reducers[name.replace(/_sample$/, '')];
  if (!reduce) throw new QueryError(`${name} is not a valid function`);
  return (spans, store) => reduce(nums(spans, store));
}

/**
 * A group column a span lacks still groups (EAP returns the proto default): "" for strings and
 * null for numbers, so `has:` filters are what keep such rows out.
 */
function groupValue(v: FieldValue, field: string): FieldValue {
  if (v !== undefined) return v;
  return /,\s*number\]$/.test(field) ? null : '';
}

export function aggregateRows(spans: StoredSpan[], fields: string[], store: SpanStore): Row[] {
  const aggs = fields
    .filter((f) => FUNCTION_RE.test(f))
    .map((f) => [f, compileAggregate(f)] as const);
  const keys = fields.filter((f) => !FUNCTION_RE.test(f));
  const groups = new Map<string, { values: FieldValue[]; spans: StoredSpan[] }>();
  for (const s of spans) {
    const values = keys.map((k) => groupValue(resolveField(s, k, store), k));
    const id = JSON.stringify(values);
    const g = groups.get(id);
    if (g) g.spans.push(s);
    else groups.set(id, { values, spans: [s] });
  }
  return [...groups.values()].map((g) => {
    const row: Row = {};
    for (const f of fields) {
      const ki = keys.indexOf(f);
      row[f] = ki >= 0 ? g.values[ki] : (aggs.find(([a]) => a === f)?.[1](g.spans, store) ?? null);
    }
    return row;
  });
}

export function sampleRows(spans: StoredSpan[], fields: string[], store: SpanStore): Row[] {
  return spans.map((s) => {
    const row: Row = {};
    for (const f of fields) row[f] = groupValue(resolveField(s, f, store), f);
    return row;
  });
}

/** Sorts by one selected column (`-` for descending); nulls go last either way. Stable. */
export function sortRows(rows: Row[], sort: string | undefined, fields: string[]): Row[] {
  if (!sort) return rows;
  const desc = sort.startsWith('-');
  const col = desc ? sort.slice(1) : sort;
  if (!fields.includes(col)) {
    throw new QueryError(`orderby must also be in the selected columns or groupby: ${col}`);
  }
  const dir = desc ? -1 : 1;
  return rows
    .map((r, i) => ({ r, i }))
    .sort((a, b) => {
      const x = a.r[col];
      const y = b.r[col];
      const xn = x === null || x === undefined;
      const yn = y === null || y === undefined;
      if (xn || yn) return xn === yn ? a.i - b.i : xn ? 1 : -1;
      const c =
        typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
      return c !== 0 ? c * dir : a.i - b.i;
    })
    .map((e) => e.r);
}
