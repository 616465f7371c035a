// GET /api/0/organizations/{org}/trace/{traceId}/ (the EAP trace endpoint) returns an array of
// root spans with nested `children` (SerializedSpan in getsentry/sentry src/sentry/snuba/trace.py).
// We flatten it to id-linked rows in depth-first order, which is what a waterfall draws, and pick
// the code location out of `additional_attributes` under either attribute generation.

import type { SentryClient } from './client';
import { SentryError } from './errors';

export interface TraceSpan {
  readonly id: string;
  readonly parentId: string | null;
  readonly depth: number;
  readonly op: string;
  readonly description: string;
  readonly project: string;
  /** Epoch seconds. */
  readonly start: number;
  readonly end: number;
  /** Milliseconds. */
  readonly duration: number;
  readonly isTransaction: boolean;
  readonly errorCount: number;
  readonly file?: string;
  readonly function?: string;
  readonly line?: number;
}

export const TRACE_ATTRIBUTES = [
  'code.filepath',
  'code.file.path',
  'code.function',
  'tags[code.lineno,number]',
  'tags[code.line.number,number]',
] as const;

/** Waterfalls beyond this many rows are cut; Sentry's own view pages them too. */
export const MAX_TRACE_SPANS = 5000;

type RawSpan = Record<string, unknown> & { children?: unknown };

function str(v: unknown): string {
  return typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v);
}

function num(v: unknown): number {
  const n = Number(v);
  return Number.isFinite(n) ? n : 0;
}

function location(attrs: Record<string, unknown>): Pick<TraceSpan, 'file' | 'function' | 'line'> {
  const file = str(attrs['code.filepath'] ?? attrs['code.file.path']) || undefined;
  const fn = str(attrs['code.function']) || undefined;
  const rawLine =
    attrs['tags[code.lineno,number]'] ??
    attrs['tags[code.line.number,number]'] ??
    attrs['code.lineno'] ??
    attrs['code.line.number'];
  const line = rawLine === undefined || rawLine === null ? undefined : Math.round(num(rawLine));
  return { file, function: fn, line: line && line > 0 ? line : undefined };
}

export function flattenTrace(body: unknown, limit = MAX_TRACE_SPANS): TraceSpan[] {
  if (!Array.isArray(body)) return [];
  const out: TraceSpan[] = [];
  const byStart = (a: RawSpan, b: RawSpan): number =>
    num(b.start_timestamp) - num(a.start_timestamp);
  // Explicit stack (reverse-sorted so the earliest child pops first): traces can be deep.
  const stack: { span: RawSpan; depth: number; parent: string | null }[] = [...(body as RawSpan[])]
    .sort(byStart)
    .map((span) => ({ span, depth: 0, parent: null }));
  while (stack.length && out.length < limit) {
    const { span, depth, parent } = stack.pop()!;
    const id = str(span.event_id);
    const attrs = (span.additional_attributes ?? {}) as Record<string, unknown>;
    out.push({
      id,
      parentId: parent,
      depth,
      op: str(span.op),
      description: str(span.description ?? span.name),
      project: str(span.project_slug),
      start: num(span.start_timestamp),
      end: num(span.end_timestamp),
      duration: num(span.duration),
      isTransaction: span.is_transaction === true,
      errorCount: Array.isArray(span.errors) ? span.errors.length : 0,
      ...location(attrs),
    });
    const children = Array.isArray(span.children) ? (span.children as RawSpan[]) : [];
    for (const child of [...children].sort(byStart))
      stack.push({ span: child, depth: depth + 1, parent: id });
  }
  return out;
}

export async function fetchTrace(
  client: SentryClient,
  org: string,
  traceId: string,
  period: string,
): Promise<TraceSpan[]> {
  if (!/^[0-9a-f]{32}$/i.test(traceId))
    throw new SentryError(
      'bad-request',
      `"${traceId}" is not a Sentry trace id`,
      'pick a span from the list again',
    );
  const { data } = await client.orgGet<unknown>(
    org,
    `trace/${traceId}/`,
    { statsPeriod: period, additional_attributes: TRACE_ATTRIBUTES },
    `trace ${traceId}`,
  );
  const spans = flattenTrace(data);
  if (!spans.length)
    throw new SentryError(
      'not-found',
      `Sentry has no spans for trace ${traceId} in the last ${period}`,
      'choose a longer hotspotLens.sentry.period, or open the trace in Sentry',
      404,
    );
  return spans;
}
