// The test's own reading of the raw envelopes the SDKs sent, written without the server's code,
// so the server's answers can be checked against an independent aggregation. Times are kept in
// integer microseconds; Sentry and the local server report milliseconds to the microsecond.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

export interface OracleSpan {
  project: string;
  trace: string;
  id: string;
  parent: string | undefined;
  op: string;
  description: string;
  startUs: number;
  endUs: number;
  data: Map<string, unknown>;
  /** The transaction (segment) the span belongs to: its root span's id and name. */
  segment: string;
  segmentName: string;
  /** The span is its transaction's root. */
  isSegment: boolean;
}

function micros(t: unknown): number {
  if (typeof t === 'number') return Math.round(t * 1e6);
  const m = /^(.*T\d\d:\d\d:\d\d)(?:\.(\d+))?Z?$/.exec(String(t));
  if (!m) throw new Error(`bad timestamp ${String(t)}`);
  return (Date.parse(m[1] + 'Z') / 1000) * 1e6 + Number((m[2] ?? '').padEnd(6, '0').slice(0, 6));
}

export function* payloads(body: Buffer): Generator<[Record<string, unknown>, string]> {
  const lineEnd = (from: number): number => {
    const nl = body.indexOf(10, from);
    return nl < 0 ? body.length : nl;
  };
  let at = lineEnd(0) + 1; // skip the envelope header
  while (at < body.length) {
    const headerEnd = lineEnd(at);
    const text = body.subarray(at, headerEnd).toString().trim();
    at = headerEnd + 1;
    if (!text) continue;
    const header = JSON.parse(text) as Record<string, unknown>;
    const end = typeof header.length === 'number' ? at + header.length : lineEnd(at);
    yield [header, body.subarray(at, end).toString()];
    at = end + 1;
  }
}

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Every span in every file `NNNNN-<projectId>.envelope[.gz]` of a record directory. */
export function readSpans(dir: string, slugs: Record<string, string>): OracleSpan[] {
  const out: OracleSpan[] = [];
  for (const file of readdirSync(dir).sort()) {
    const project = slugs[file.split('-')[1].split('.')[0]];
    let body = readFileSync(join(dir, file));
    if (file.endsWith('.gz')) body = gunzipSync(body);
    for (const [header, payload] of payloads(body)) {
      if (header.type === 'transaction') {
        const ev = JSON.parse(payload) as Obj;
        const t = ev.contexts.trace as Obj;
        out.push({
          project,
          trace: t.trace_id,
          id: t.span_id,
          parent: t.parent_span_id ?? undefined,
          op: t.op,
          description: ev.transaction,
          startUs: micros(ev.start_timestamp),
          endUs: micros(ev.timestamp),
          data: new Map(Object.entries(t.data ?? {})),
          segment: t.span_id,
          segmentName: ev.transaction,
          isSegment: true,
        });
        for (const s of ev.spans as Obj[]) {
          out.push({
            project,
            trace: s.trace_id,
            id: s.span_id,
            parent: s.parent_span_id,
            op: s.op,
            description: s.description ?? '',
            startUs: micros(s.start_timestamp),
            endUs: micros(s.timestamp),
            data: new Map(Object.entries(s.data ?? {})),
            segment: t.span_id,
            segmentName: ev.transaction,
            isSegment: false,
          });
        }
      } else if (header.type === 'span') {
        for (const s of (JSON.parse(payload) as Obj).items as Obj[]) {
          const data = new Map(
            Object.entries(s.attributes as Obj).map(([k, v]) => [k, (v as Obj).value]),
          );
          out.push({
            project,
            trace: s.trace_id,
            id: s.span_id,
            parent: s.parent_span_id ?? undefined,
            op: String(data.get('sentry.op') ?? ''),
            description: s.name,
            startUs: micros(s.start_timestamp),
            endUs: micros(s.end_timestamp),
            data,
            segment: String(data.get('sentry.segment.id') ?? (s.is_segment ? s.span_id : '')),
            segmentName: String(data.get('sentry.segment.name') ?? (s.is_segment ? s.name : '')),
            isSegment: s.is_segment === true,
          });
        }
      }
    }
  }
  return out;
}

/** `project|path|function|line` of a span under one generation of code attribute names. */
function locationUnder(s: OracleSpan, file: string, line: string): string | undefined {
  const path = s.data.get(file);
  if (typeof path !== 'string' || path === '') return undefined;
  const fn = s.data.get('code.function');
  const n = s.data.get(line);
  return `${s.project}|${path}|${fn === undefined || fn === null ? '' : String(fn)}|${typeof n === 'number' ? n : ''}`;
}

/** The span's code location under the old attribute names (code.filepath, code.lineno). */
export const legacyLocation = (s: OracleSpan): string | undefined =>
  locationUnder(s, 'code.filepath', 'code.lineno');
/** The span's code location under the OTel names (code.file.path, code.line.number). */
export const otelLocation = (s: OracleSpan): string | undefined =>
  locationUnder(s, 'code.file.path', 'code.line.number');
/** The same key of a stats row, to look the span's numbers up by. */
export const rowLocation = (r: {
  project: string;
  file: string | null;
  function: string;
  line: number | null;
}): string => `${r.project}|${r.file}|${r.function}|${r.line ?? ''}`;

/** Exclusive time: the span minus the merged intervals of its direct children, clipped to it. */
export function selfTimesUs(spans: OracleSpan[]): Map<OracleSpan, number> {
  const kids = new Map<string, OracleSpan[]>();
  for (const s of spans)
    if (s.parent) kids.set(s.trace + s.parent, [...(kids.get(s.trace + s.parent) ?? []), s]);
  const result = new Map<OracleSpan, number>();
  for (const s of spans) {
    const ivs = (kids.get(s.trace + s.id) ?? [])
      .map((k) => [Math.max(k.startUs, s.startUs), Math.min(k.endUs, s.endUs)])
      .filter(([a, b]) => b > a)
      .sort((x, y) => x[0] - y[0]);
    let covered = 0;
    let reach = s.startUs;
    for (const [a, b] of ivs) {
      if (b > reach) covered += b - Math.max(a, reach);
      reach = Math.max(reach, b);
    }
    result.set(s, s.endUs - s.startUs - covered);
  }
  return result;
}

export interface Stat {
  count: number;
  p50: number;
  p95: number;
  avg: number;
  sumSelf: number;
}

/** Linear interpolation between closest ranks, in milliseconds. */
function quantile(sortedUs: number[], q: number): number {
  const pos = q * (sortedUs.length - 1);
  const i = Math.floor(pos);
  const j = Math.min(i + 1, sortedUs.length - 1);
  return (sortedUs[i] + (sortedUs[j] - sortedUs[i]) * (pos - i)) / 1000;
}

/** The spans per key; spans whose key is undefined are left out. */
function groupBy(
  spans: OracleSpan[],
  key: (s: OracleSpan) => string | undefined,
): Map<string, OracleSpan[]> {
  const groups = new Map<string, OracleSpan[]>();
  for (const s of spans) {
    const k = key(s);
    if (k !== undefined) groups.set(k, [...(groups.get(k) ?? []), s]);
  }
  return groups;
}

export function statsBy(
  spans: OracleSpan[],
  self: Map<OracleSpan, number>,
  key: (s: OracleSpan) => string | undefined,
): Map<string, Stat> {
  const groups = groupBy(spans, key);
  const out = new Map<string, Stat>();
  for (const [k, g] of groups) {
    const d = g.map((s) => s.endUs - s.startUs).sort((a, b) => a - b);
    out.set(k, {
      count: g.length,
      p50: quantile(d, 0.5),
      p95: quantile(d, 0.95),
      avg: d.reduce((a, b) => a + b, 0) / d.length / 1000,
      sumSelf: g.reduce((a, s) => a + (self.get(s) ?? 0), 0) / 1000,
    });
  }
  return out;
}

/** Per key: the distinct transactions its spans ran in, and its busiest transaction's share. */
export interface RequestFacts {
  requests: number;
  transaction: string;
  fraction: number;
}

export function requestFactsBy(
  spans: OracleSpan[],
  key: (s: OracleSpan) => string | undefined,
): Map<string, RequestFacts> {
  const rootTime = new Map<string, number>();
  for (const s of spans)
    if (s.isSegment) {
      const k = `${s.project}|${s.segmentName}`;
      rootTime.set(k, (rootTime.get(k) ?? 0) + s.endUs - s.startUs);
    }
  const groups = groupBy(spans, key);
  const out = new Map<string, RequestFacts>();
  for (const [k, g] of groups) {
    const perName = new Map<string, number>();
    for (const s of g)
      perName.set(s.segmentName, (perName.get(s.segmentName) ?? 0) + s.endUs - s.startUs);
    const [name, time] = [...perName].sort((a, b) => b[1] - a[1])[0];
    out.set(k, {
      requests: new Set(g.map((s) => s.segment)).size,
      transaction: name,
      fraction: time / (rootTime.get(`${g[0].project}|${name}`) ?? NaN),
    });
  }
  return out;
}
