import type { TtlCache } from '../../sentry/cache';
import type { SpanStatsResult } from '../../sentry/span-stats';

// The span statistics the editor shows, and how a refresh that fails keeps the last good ones:
// marked stale with the error instead of blanking every lens. No vscode import, so it is tested
// in Node against the fake Sentry behind the fault proxy (test/unit/sentry-stale.test.ts).

/** Why the data on screen is old: the refresh that failed and when the data was fetched. */
export interface StaleInfo {
  readonly error: string;
  readonly fetchedAt: number;
  /** The error itself, so the editor can offer the fitting action (sign in, show log). */
  readonly cause?: unknown;
}

export interface SentrySnapshot extends SpanStatsResult {
  readonly url: string;
  readonly org: string;
  readonly fetchedAt: number;
  /** Set when the latest refresh failed and this is the last good data. */
  readonly stale?: StaleInfo;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * The cached snapshot for `key`, loading it when absent, past its TTL or `force`d. When loading
 * fails and an earlier snapshot exists it comes back with `stale` set (a copy: the cache keeps
 * the clean one); with no earlier snapshot the error is thrown.
 */
export async function loadSnapshot(
  cache: TtlCache<SentrySnapshot>,
  key: string,
  load: () => Promise<SentrySnapshot>,
  force: boolean,
): Promise<SentrySnapshot> {
  const r = await cache.getOrStale(key, load, force);
  if (!r.stale) return r.value;
  const stale = { error: messageOf(r.error), fetchedAt: r.value.fetchedAt, cause: r.error };
  return { ...r.value, stale };
}

/** `12:04 UTC` for today's data, else `2026-11-25 12:04 UTC`. */
function when(ms: number, now: number): string {
  const iso = new Date(ms).toISOString();
  const day = iso.slice(0, 10);
  const time = `${iso.slice(11, 16)} UTC`;
  return day === new Date(now).toISOString().slice(0, 10) ? time : `${day} ${time}`;
}

/** Lens title with ` (stale)` after it while the data is old. */
export function staleLensTitle(title: string, snap: Pick<SentrySnapshot, 'stale'>): string {
  return snap.stale ? `${title} (stale)` : title;
}

/** Log, status and tooltip line naming the failed refresh: "Sentry data from 12:04 UTC is…". */
export function staleMessage(stale: StaleInfo, now = Date.now()): string {
  return `Sentry data from ${when(stale.fetchedAt, now)} is stale: the refresh failed (${stale.error})`;
}
