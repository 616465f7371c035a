// Span statistics per code location from the events endpoint (dataset=spans). Sentry stores the
// code location under two generations of attribute names (code.filepath/code.lineno and the OTel
// code.file.path/code.line.number) with no alias between them, so one refresh runs both queries
// and merges the rows here, plus a third query for `span.op:function` spans (@sentry_sdk.trace,
// functions_to_trace) which carry only a qualified name (docs/sentry-api.md §2 and §7).

export type SpanSource = 'code.filepath' | 'code.file.path' | 'span.description';

export interface SpanStat {
  readonly project: string;
  /** The path as the SDK sent it (module-relative, e.g. `shopapp/reports.py`); null for name rows. */
  readonly file: string | null;
  /** `code.function`, or the span name (`shopapp.reports.compute_report`) for name rows. */
  readonly function: string;
  /** 1-based line; null when the span had none (and for name rows). */
  readonly line: number | null;
  readonly count: number;
  /** Durations in milliseconds. */
  readonly p50: number;
  readonly p95: number;
  readonly avg: number;
  readonly sumSelfTime: number;
  /** Sentry said "low" confidence for a column, or read downsampled (partial) data. */
  readonly lowConfidence: boolean;
  /** Which attribute generations contributed, so sample queries use the right names. */
  readonly sources: readonly SpanSource[];
  /**
   * Distinct transactions (segments) the spans ran in, from `count_unique(transaction.span_id)`;
   * undefined when Sentry did not return the column. count / requests = calls per request.
   */
  readonly requests?: number;
  /** The transaction that spends the most time here and the share of its time, when fetched. */
  readonly share?: RequestShare;
}

/** `41% of GET /report`: this location's span time over all time of one transaction name. */
export interface RequestShare {
  readonly transaction: string;
  /** 0..1: sum(span.duration) here inside the transaction ÷ sum of the transaction's durations. */
  readonly fraction: number;
}

/** Average calls per request, or undefined when the transaction count is unknown. */
export function callsPerRequest(stat: SpanStat): number | undefined {
  return stat.requests ? stat.count / stat.requests : undefined;
}

export const AGGREGATE_FIELDS = [
  'count()',
  'p50(span.duration)',
  'p95(span.duration)',
  'avg(span.duration)',
  'sum(span.self_time)',
  // Segment ids, i.e. transactions: the N+1 query shows as count ≫ count_unique (×22 per request).
  'count_unique(transaction.span_id)',
] as const;

export interface QueryShape {
  readonly source: SpanSource;
  readonly fields: readonly string[];
  readonly query: string;
  readonly fileField?: string;
  readonly functionField: string;
  readonly lineField?: string;
}

const LEGACY_LINE = 'tags[code.lineno,number]';
const OTEL_LINE = 'tags[code.line.number,number]';

export const QUERY_SHAPES: readonly QueryShape[] = [
  {
    source: 'code.filepath',
    fields: ['code.filepath', 'code.function', LEGACY_LINE, 'project', ...AGGREGATE_FIELDS],
    query: 'has:code.filepath',
    fileField: 'code.filepath',
    functionField: 'code.function',
    lineField: LEGACY_LINE,
  },
  {
    source: 'code.file.path',
    fields: ['code.file.path', 'code.function', OTEL_LINE, 'project', ...AGGREGATE_FIELDS],
    query: 'has:code.file.path',
    fileField: 'code.file.path',
    functionField: 'code.function',
    lineField: OTEL_LINE,
  },
  {
    source: 'span.description',
    fields: ['span.description', 'project', ...AGGREGATE_FIELDS],
    query: 'span.op:function',
    functionField: 'span.description',
  },
];

export function lineFieldOf(source: SpanSource): string | undefined {
  return QUERY_SHAPES.find((s) => s.source === source)?.lineField;
}

export interface EventsBody {
  readonly data?: readonly Record<string, unknown>[];
  readonly meta?: {
    readonly dataScanned?: string;
    readonly accuracy?: { readonly confidence?: readonly (Record<string, unknown> | null)[] };
  };
}

/** A number column as Sentry returns it (number or numeric string); 0 for anything else. */
export function numberOf(value: unknown): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
  return Number.isFinite(n) ? n : 0;
}

/** A text column; '' for null or missing. */
export function textOf(value: unknown): string {
  return typeof value === 'string'
    ? value
    : value === null || value === undefined
      ? ''
      : String(value);
}

/** Backslashes and a leading `./` differ between SDKs and platforms, not between files. */
export function normalizeSpanPath(path: string): string {
  return path.replace(/\\/g, '/').replace(/^(\.\/)+/, '');
}

/** The code location a row of `shape` names, normalised as the stats rows are. */
export interface RowLocation {
  readonly project: string;
  readonly file: string | null;
  readonly function: string;
  readonly line: number | null;
}

export function locationOf(row: Record<string, unknown>, shape: QueryShape): RowLocation {
  const rawLine = shape.lineField ? row[shape.lineField] : null;
  const line =
    rawLine === null || rawLine === undefined || rawLine === ''
      ? null
      : Math.round(numberOf(rawLine));
  return {
    project: textOf(row.project ?? row['project.name']),
    file: shape.fileField ? normalizeSpanPath(textOf(row[shape.fileField])) : null,
    function: textOf(row[shape.functionField]),
    line: line !== null && line > 0 ? line : null,
  };
}

export function rowsToStats(body: EventsBody, shape: QueryShape): SpanStat[] {
  const partial = body.meta?.dataScanned === 'partial';
  const confidence = body.meta?.accuracy?.confidence ?? [];
  return (body.data ?? []).map((row, i) => {
    const conf = confidence[i] ?? {};
    const low = partial || AGGREGATE_FIELDS.some((f) => conf[f] === 'low');
    const requests = row['count_unique(transaction.span_id)'];
    return {
      ...locationOf(row, shape),
      count: numberOf(row['count()']),
      p50: numberOf(row['p50(span.duration)']),
      p95: numberOf(row['p95(span.duration)']),
      avg: numberOf(row['avg(span.duration)']),
      sumSelfTime: numberOf(row['sum(span.self_time)']),
      lowConfidence: low,
      sources: [shape.source],
      ...(requests === undefined || requests === null ? {} : { requests: numberOf(requests) }),
    };
  });
}

/** One key per (project, path, function, line) and kind: what merging and joining go by. */
export function locationKey(s: RowLocation): string {
  return [s.project, s.file ?? '', s.function, s.line ?? '', s.file === null ? 'name' : 'loc'].join(
    '\u0000',
  );
}

/**
 * Merges rows for the same (project, path, function, line): counts and self time add up, the
 * mean is count-weighted, and since percentiles cannot be combined exactly the row with more
 * spans supplies p50/p95 (docs/sentry-api.md §8).
 */
export function mergeStats(lists: readonly (readonly SpanStat[])[]): SpanStat[] {
  const merged = new Map<string, SpanStat>();
  for (const list of lists)
    for (const row of list) {
      const key = locationKey(row);
      const prev = merged.get(key);
      if (!prev) {
        merged.set(key, row);
        continue;
      }
      const count = prev.count + row.count;
      const major = row.count > prev.count ? row : prev;
      // The two attribute generations come from different SDK versions, so their transactions
      // are disjoint and the distinct counts add up.
      const requests =
        prev.requests === undefined && row.requests === undefined
          ? {}
          : { requests: (prev.requests ?? 0) + (row.requests ?? 0) };
      merged.set(key, {
        ...major,
        count,
        avg: count > 0 ? (prev.avg * prev.count + row.avg * row.count) / count : 0,
        sumSelfTime: prev.sumSelfTime + row.sumSelfTime,
        lowConfidence: prev.lowConfidence || row.lowConfidence,
        sources: [...new Set([...prev.sources, ...row.sources])],
        ...requests,
      });
    }
  return sortByP95(dropNameTwins([...merged.values()]));
}

/**
 * A span with op "function" that also carries code.* attributes (the Node demo sets them by hand)
 * is answered by both the location query and the span.op:function query. Its name row is then
 * the same spans again: same project, same function, same count and p95. Keep the location.
 */
function dropNameTwins(rows: SpanStat[]): SpanStat[] {
  const locations = new Set(
    rows
      .filter((r) => r.file !== null)
      .map((r) => [r.project, r.function, r.count, r.p95].join('\u0000')),
  );
  return rows.filter((r) => {
    if (r.file !== null) return true;
    const bare = r.function.split('.').pop() ?? r.function;
    return !locations.has([r.project, bare, r.count, r.p95].join('\u0000'));
  });
}

export function sortByP95(rows: SpanStat[]): SpanStat[] {
  return rows.sort(
    (a, b) => b.p95 - a.p95 || b.count - a.count || locationKey(a).localeCompare(locationKey(b)),
  );
}
