// One refresh = one query set: the two code-location queries (old and OTel attribute names) and
// the span.op:function query, each paged, then merged. A 400 "query timed out" shrinks the
// period once for the whole set, so all rows still describe the same window.

import type { SentryClient } from './client';
import { SentryError } from './errors';
import type { Params } from './http';
import { shrinkPeriod } from './period';
import { fetchRequestShares, withShares } from './request-share';
import {
  mergeStats,
  QUERY_SHAPES,
  rowsToStats,
  type EventsBody,
  type QueryShape,
  type SpanStat,
} from './spans';

export interface SpanQuery {
  readonly org: string;
  /** Project ids or slugs; empty = every project the token can see. */
  readonly projects: readonly string[];
  readonly environment?: string;
  /** statsPeriod such as 24h. */
  readonly period: string;
  /**
   * Also fetch each location's share of its transaction's time (two more queries, see
   * request-share.ts). A failure there leaves the rows without shares and adds a note.
   */
  readonly requestShares?: boolean;
}

export interface SpanStatsResult {
  readonly rows: SpanStat[];
  /** The period the numbers cover (shorter than asked when Sentry timed out). */
  readonly period: string;
  /** Remarks for the user, e.g. Sentry's "Need at least one valid project to query." tip. */
  readonly notes: readonly string[];
}

export const STATS_PER_PAGE = 100;

export function statsParams(
  shape: QueryShape,
  projectIds: readonly string[],
  environment: string | undefined,
  period: string,
): Params {
  return {
    dataset: 'spans',
    field: shape.fields,
    query: shape.query,
    project: projectIds.length ? projectIds : undefined,
    environment: environment ? [environment] : undefined,
    statsPeriod: period,
    sort: '-p95(span.duration)',
    per_page: STATS_PER_PAGE,
  };
}

export async function fetchSpanStats(client: SentryClient, q: SpanQuery): Promise<SpanStatsResult> {
  const ids = await client.projectIds(q.org, q.projects);
  try {
    return await runSet(client, q, ids, q.period);
  } catch (e) {
    const shorter =
      e instanceof SentryError && e.kind === 'query-timeout' ? shrinkPeriod(q.period) : undefined;
    if (!shorter) throw e;
    client.log.warn(`Sentry timed out on the ${q.period} span query; trying again with ${shorter}`);
    const result = await runSet(client, q, ids, shorter);
    return {
      ...result,
      notes: [...result.notes, `Sentry timed out on ${q.period}; showing the last ${shorter}.`],
    };
  }
}

async function runSet(
  client: SentryClient,
  q: SpanQuery,
  ids: readonly string[],
  period: string,
): Promise<SpanStatsResult> {
  const notes = new Set<string>();
  const lists = await Promise.all(
    QUERY_SHAPES.map(async (shape) => {
      const what = 'span statistics';
      const pages = await client.orgPages<
        EventsBody & { meta?: { tips?: Record<string, unknown> } }
      >(q.org, 'events/', statsParams(shape, ids, q.environment, period), what);
      for (const page of pages)
        for (const tip of Object.values(page.meta?.tips ?? {}))
          if (typeof tip === 'string') notes.add(tip);
      return pages.flatMap((page) => rowsToStats(page, shape));
    }),
  );
  let rows = mergeStats(lists);
  if (q.requestShares) {
    const scope = { org: q.org, projectIds: ids, environment: q.environment, period };
    try {
      rows = withShares(rows, await fetchRequestShares(client, scope));
    } catch (e) {
      // The share is an extra on top of numbers that did arrive: keep them, say what is missing.
      const why = e instanceof Error ? e.message : String(e);
      client.log.warn(`Sentry: no share of request time (${why})`);
      notes.add(`The share of request time is missing: ${why}`);
    }
  }
  client.log.info(`Sentry: ${rows.length} span rows for ${q.org} over ${period}`);
  return { rows, period, notes: [...notes] };
}
