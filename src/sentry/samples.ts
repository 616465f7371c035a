// The slowest example spans of one stats row: the events endpoint without aggregates, sorted by
// -span.duration, filtered by the same attribute values the row came from (docs/sentry-api.md §3.1).
// A merged row may come from both attribute generations, so each generation is asked and the
// answers are merged by duration.

import type { SentryClient } from './client';
import type { Params } from './http';
import { lineFieldOf, type SpanSource, type SpanStat } from './spans';

export interface SpanSample {
  readonly spanId: string;
  readonly traceId: string;
  readonly transaction: string;
  readonly op: string;
  readonly description: string;
  /** Milliseconds. */
  readonly duration: number;
  /** ISO-8601 end time as Sentry returns it. */
  readonly timestamp: string;
  readonly project: string;
  readonly segmentId?: string;
}

export const SAMPLE_FIELDS = [
  'id',
  'trace',
  'transaction',
  'span.op',
  'span.description',
  'span.duration',
  'timestamp',
  'project',
  'transaction.span_id',
] as const;

/** Sentry search syntax: quote values with spaces or syntax characters, escaping quotes. */
export function searchValue(value: string, alwaysQuote = false): string {
  if (!alwaysQuote && /^[^\s"():,[\]!*]+$/.test(value)) return value;
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

export function sampleQuery(stat: SpanStat, source: SpanSource): string {
  if (source === 'span.description')
    return `span.op:function span.description:${searchValue(stat.function)}`;
  const parts = [`${source}:${searchValue(stat.file ?? '', true)}`];
  if (stat.function) parts.push(`code.function:${searchValue(stat.function)}`);
  const lineField = lineFieldOf(source);
  if (stat.line !== null && lineField) parts.push(`${lineField}:${stat.line}`);
  return parts.join(' ');
}

export interface SampleFilter {
  readonly projectIds: readonly string[];
  readonly environment?: string;
  readonly period: string;
}

export function sampleParams(
  stat: SpanStat,
  source: SpanSource,
  f: SampleFilter,
  limit: number,
): Params {
  return {
    dataset: 'spans',
    field: SAMPLE_FIELDS,
    query: sampleQuery(stat, source),
    project: f.projectIds.length ? f.projectIds : undefined,
    environment: f.environment ? [f.environment] : undefined,
    statsPeriod: f.period,
    sort: '-span.duration',
    per_page: limit,
  };
}

function toSample(row: Record<string, unknown>): SpanSample {
  const s = (k: string): string => (typeof row[k] === 'string' ? (row[k] as string) : '');
  const duration = Number(row['span.duration']);
  return {
    spanId: s('id'),
    traceId: s('trace'),
    transaction: s('transaction'),
    op: s('span.op'),
    description: s('span.description'),
    duration: Number.isFinite(duration) ? duration : 0,
    timestamp: s('timestamp'),
    project: s('project') || s('project.name'),
    segmentId: s('transaction.span_id') || undefined,
  };
}

export async function fetchSlowestSpans(
  client: SentryClient,
  org: string,
  stat: SpanStat,
  filter: { projects: readonly string[]; environment?: string; period: string },
  limit = 5,
): Promise<SpanSample[]> {
  const projectIds = await client.projectIds(org, filter.projects);
  const lists = await Promise.all(
    stat.sources.map(async (source) => {
      const { data } = await client.orgGet<{ data?: Record<string, unknown>[] }>(
        org,
        'events/',
        sampleParams(stat, source, { ...filter, projectIds }, limit),
        `the slowest spans of ${stat.function || stat.file}`,
      );
      return (data.data ?? []).map(toSample);
    }),
  );
  const seen = new Set<string>();
  return lists
    .flat()
    .sort((a, b) => b.duration - a.duration)
    .filter((s) => s.traceId && !seen.has(s.spanId) && seen.add(s.spanId))
    .slice(0, limit);
}
