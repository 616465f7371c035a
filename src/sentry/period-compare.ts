// "Compare Sentry periods": the span statistics of the current period against the previous
// period of the same length (start/end windows, since statsPeriod always ends now), or against
// one release. Rows are paired by location line-insensitively, as the fix usually moved lines.
import type { SentryClient } from './client';
import type { Params } from './http';
import { periodMinutes } from './period';
import { fetchSpanStats, statsParams, type SpanQuery } from './span-stats';
import { mergeStats, QUERY_SHAPES, rowsToStats, type EventsBody, type SpanStat } from './spans';

export interface TimeWindow {
  /** ISO 8601 UTC without zone (Sentry reads naive datetimes as UTC). */
  readonly start: string;
  readonly end: string;
}

export interface SpanChange {
  readonly current: SpanStat;
  /** The same location in the other period or release; undefined when it had no spans there. */
  readonly previous?: SpanStat;
  /** current − previous, in milliseconds / spans; undefined without a previous row. */
  readonly p95Delta?: number;
  readonly countDelta?: number;
}

export interface PeriodComparison {
  readonly period: string;
  /** What the current numbers are compared with: `previous 24h` or `release shopapp@1.0.0`. */
  readonly against: string;
  readonly window?: TimeWindow;
  readonly changes: readonly SpanChange[];
}

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 19);

/** The period of the same length just before the last `period` (which ends at `nowMs`). */
export function previousWindow(period: string, nowMs: number): TimeWindow {
  const minutes = periodMinutes(period);
  if (minutes === undefined) throw new Error(`not a Sentry period: ${period}`);
  const ms = minutes * 60_000;
  return { start: iso(nowMs - 2 * ms), end: iso(nowMs - ms) };
}

/** Span statistics for a fixed window and/or one release, with the same query set as a refresh. */
export async function fetchSpanStatsIn(
  client: SentryClient,
  q: SpanQuery,
  scope: { window?: TimeWindow; release?: string },
): Promise<SpanStat[]> {
  const ids = await client.projectIds(q.org, q.projects);
  const lists = await Promise.all(
    QUERY_SHAPES.map(async (shape) => {
      const params: Params = { ...statsParams(shape, ids, q.environment, q.period) };
      if (scope.window) {
        delete params.statsPeriod;
        params.start = scope.window.start;
        params.end = scope.window.end;
      }
      if (scope.release)
        params.query = `${shape.query} release:"${scope.release.replace(/"/g, '\\"')}"`;
      const pages = await client.orgPages<EventsBody>(q.org, 'events/', params, 'span statistics');
      return pages.flatMap((page) => rowsToStats(page, shape));
    }),
  );
  return mergeStats(lists);
}

const locationKey = (s: SpanStat) =>
  [s.project, s.file ?? '', s.function, s.file === null ? 'name' : 'loc'].join('\u0000');

/**
 * Pairs every current row with the other side's row at the same line, else with the only row of
 * the same (project, file, function) left there; several candidates stay unpaired.
 */
export function compareSpanStats(
  current: readonly SpanStat[],
  previous: readonly SpanStat[],
): SpanChange[] {
  const byLocation = new Map<string, SpanStat[]>();
  for (const p of previous) {
    const k = locationKey(p);
    byLocation.set(k, [...(byLocation.get(k) ?? []), p]);
  }
  const pick = (c: SpanStat, exact: boolean): SpanStat | undefined => {
    const list = byLocation.get(locationKey(c));
    if (!list || list.length === 0) return undefined;
    const i = exact ? list.findIndex((p) => p.line === c.line) : list.length === 1 ? 0 : -1;
    return i < 0 ? undefined : list.splice(i, 1)[0];
  };
  const paired = new Map<SpanStat, SpanStat>();
  for (const c of current) {
    const p = pick(c, true);
    if (p) paired.set(c, p);
  }
  for (const c of current) {
    if (paired.has(c)) continue;
    const p = pick(c, false);
    if (p) paired.set(c, p);
  }
  return current.map((c) => {
    const p = paired.get(c);
    return p
      ? { current: c, previous: p, p95Delta: c.p95 - p.p95, countDelta: c.count - p.count }
      : { current: c };
  });
}

/** The current period against the previous one of the same length. */
export async function comparePreviousPeriod(
  client: SentryClient,
  q: SpanQuery,
  nowMs: number,
): Promise<PeriodComparison> {
  const current = await fetchSpanStats(client, q);
  // A timed-out query shrinks the current period; the previous window follows what was shown.
  const window = previousWindow(current.period, nowMs);
  const previous = await fetchSpanStatsIn(client, q, { window });
  return {
    period: current.period,
    against: `previous ${current.period}`,
    window,
    changes: compareSpanStats(current.rows, previous),
  };
}

/**
 * One release against another over the same period (`current` undefined: every span of the
 * period against `baseline`'s).
 */
export async function compareRelease(
  client: SentryClient,
  q: SpanQuery,
  baseline: string,
  current?: string,
): Promise<PeriodComparison> {
  const now = current
    ? { rows: await fetchSpanStatsIn(client, q, { release: current }), period: q.period }
    : await fetchSpanStats(client, q);
  const previous = await fetchSpanStatsIn(
    client,
    { ...q, period: now.period },
    { release: baseline },
  );
  return {
    period: now.period,
    against: `release ${baseline}`,
    changes: compareSpanStats(now.rows, previous),
  };
}

function signed(n: number, text: string): string {
  return `${n > 0 ? '+' : n < 0 ? '−' : '±'}${text}`;
}

function ms(v: number): string {
  const a = Math.abs(v);
  return a >= 1000 ? `${Number((a / 1000).toPrecision(2))} s` : `${Math.round(a)} ms`;
}

/** `p95 −120 ms (−23%) · calls +8% vs previous 24h`, or `new vs release x` (for lenses). */
export function changeText(c: SpanChange, against: string): string {
  const p = c.previous;
  if (!p || c.p95Delta === undefined || c.countDelta === undefined) return `new vs ${against}`;
  const rel = (d: number, base: number) =>
    base > 0 ? ` (${signed(d, `${Math.round((100 * Math.abs(d)) / base)}%`)})` : '';
  const calls =
    p.count > 0
      ? signed(c.countDelta, `${Math.round((100 * Math.abs(c.countDelta)) / p.count)}%`)
      : signed(c.countDelta, String(Math.abs(c.countDelta)));
  return `p95 ${signed(c.p95Delta, ms(c.p95Delta))}${rel(c.p95Delta, p.p95)} · calls ${calls} vs ${against}`;
}
