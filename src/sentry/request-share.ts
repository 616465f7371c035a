// "41% of GET /report": how much of a request's time a code location takes. Two more queries on
// the same events endpoint (dataset=spans): the time per (location, transaction name), and the
// time of every transaction name (is_transaction:true). The share is the first over the second
// for the transaction that spends the most time at the location, so a helper called from two
// endpoints is described by the one where it matters. Span durations include child spans, so
// shares of nested locations overlap, as the waterfall's bars do.

import type { SentryClient } from './client';
import type { Params } from './http';
import {
  locationKey,
  locationOf,
  numberOf,
  QUERY_SHAPES,
  type EventsBody,
  type QueryShape,
  type RequestShare,
  type SpanStat,
  textOf,
} from './spans';

const TIME = 'sum(span.duration)';
const TRANSACTION = 'transaction';

export interface ShareScope {
  readonly org: string;
  readonly projectIds: readonly string[];
  readonly environment?: string;
  readonly period: string;
}

function params(fields: readonly string[], query: string, scope: ShareScope): Params {
  return {
    dataset: 'spans',
    field: fields,
    query,
    project: scope.projectIds.length ? scope.projectIds : undefined,
    environment: scope.environment ? [scope.environment] : undefined,
    statsPeriod: scope.period,
    sort: `-${TIME}`,
    per_page: 100,
  };
}

/** Location fields of a stats query shape without its aggregates, plus the transaction name. */
export function shareFields(shape: QueryShape): string[] {
  return [...shape.fields.filter((f) => !f.includes('(')), TRANSACTION, TIME];
}

async function pagesOf(
  client: SentryClient,
  scope: ShareScope,
  fields: readonly string[],
  query: string,
): Promise<Record<string, unknown>[]> {
  const pages = await client.orgPages<EventsBody>(
    scope.org,
    'events/',
    params(fields, query, scope),
    'time per transaction',
  );
  return pages.flatMap((p) => [...(p.data ?? [])]);
}

/** Total span time per (project, transaction name) over the period. */
export async function fetchTransactionTimes(
  client: SentryClient,
  scope: ShareScope,
): Promise<Map<string, number>> {
  const rows = await pagesOf(client, scope, [TRANSACTION, 'project', TIME], 'is_transaction:true');
  const times = new Map<string, number>();
  for (const r of rows) {
    const key = `${textOf(r.project)}\u0000${textOf(r[TRANSACTION])}`;
    times.set(key, (times.get(key) ?? 0) + numberOf(r[TIME]));
  }
  return times;
}

/**
 * The share of each location's busiest transaction, keyed by `locationKey` of the stats row.
 * Rows of a transaction with no time (or not returned) get no share rather than a guess.
 */
export async function fetchRequestShares(
  client: SentryClient,
  scope: ShareScope,
): Promise<Map<string, RequestShare>> {
  const [times, ...perShape] = await Promise.all([
    fetchTransactionTimes(client, scope),
    ...QUERY_SHAPES.map(async (shape) => ({
      shape,
      rows: await pagesOf(client, scope, shareFields(shape), shape.query),
    })),
  ]);
  // Time per location and transaction, summed over the attribute generations (same spans never
  // carry both), then the busiest transaction per location.
  const perLocation = new Map<string, { project: string; time: Map<string, number> }>();
  for (const { shape, rows } of perShape)
    for (const row of rows) {
      const loc = locationOf(row, shape);
      const transaction = textOf(row[TRANSACTION]);
      if (!transaction) continue;
      const key = locationKey(loc);
      const entry = perLocation.get(key) ?? { project: loc.project, time: new Map() };
      entry.time.set(transaction, (entry.time.get(transaction) ?? 0) + numberOf(row[TIME]));
      perLocation.set(key, entry);
    }
  const best = new Map<string, { transaction: string; time: number; project: string }>();
  for (const [key, { project, time }] of perLocation)
    for (const [transaction, t] of time) {
      const prev = best.get(key);
      if (!prev || t > prev.time) best.set(key, { transaction, time: t, project });
    }
  const shares = new Map<string, RequestShare>();
  for (const [key, b] of best) {
    const total = times.get(`${b.project}\u0000${b.transaction}`);
    if (total && total > 0)
      shares.set(key, { transaction: b.transaction, fraction: Math.min(1, b.time / total) });
  }
  return shares;
}

/** The stats rows with their shares attached (rows without one are returned as they are). */
export function withShares(
  rows: readonly SpanStat[],
  shares: ReadonlyMap<string, RequestShare>,
): SpanStat[] {
  return rows.map((r) => {
    const share = shares.get(locationKey(r));
    return share ? { ...r, share } : r;
  });
}
