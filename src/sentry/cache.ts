// Span statistics cached per (url, org, projects, environment, period) with a time-to-live, so
// opening files never triggers requests: one query set per refresh (docs/sentry-api.md §8 warns
// that polling trips the rate limits). `now` is passed in, as everywhere in src/sentry.

export interface CacheKeyParts {
  readonly url: string;
  readonly org: string;
  readonly projects: readonly string[];
  readonly environment?: string;
  readonly period: string;
}

export function cacheKey(k: CacheKeyParts): string {
  return JSON.stringify([k.url, k.org, [...k.projects].sort(), k.environment ?? '', k.period]);
}

export const DEFAULT_TTL_MS = 10 * 60_000;

interface Entry<T> {
  readonly value: T;
  readonly storedAt: number;
}

/** A cached value; `stale` when the latest load failed (`error`) and an older value is kept. */
export interface CacheResult<T> {
  readonly value: T;
  readonly storedAt: number;
  readonly stale: boolean;
  readonly error?: unknown;
}

export class TtlCache<T> {
  private readonly entries = new Map<string, Entry<T>>();
  private readonly pending = new Map<string, Promise<T>>();

  constructor(
    private readonly ttlMs = DEFAULT_TTL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  peek(key: string): { value: T; storedAt: number } | undefined {
    const e = this.entries.get(key);
    if (!e || this.now() - e.storedAt > this.ttlMs) return undefined;
    return e;
  }

  /**
   * The cached value, or `load()` once when absent, stale or `force`d (manual refresh).
   * Concurrent callers share one load, so a burst of open editors makes one query set.
   */
  async get(key: string, load: () => Promise<T>, force = false): Promise<T> {
    if (!force) {
      const hit = this.peek(key);
      if (hit) return hit.value;
    }
    const running = this.pending.get(key);
    if (running) return running;
    const p = load()
      .then((value) => {
        this.entries.set(key, { value, storedAt: this.now() });
        return value;
      })
      .finally(() => this.pending.delete(key));
    this.pending.set(key, p);
    return p;
  }

  /**
   * Like `get`, but a failed load falls back to the last good value for the key (even past its
   * TTL), marked stale and carrying the error, so a flaky network keeps the lenses up with a
   * "stale" note instead of blanking them. Throws only when there has never been a good value.
   */
  async getOrStale(key: string, load: () => Promise<T>, force = false): Promise<CacheResult<T>> {
    try {
      const value = await this.get(key, load, force);
      return { value, storedAt: this.entries.get(key)?.storedAt ?? this.now(), stale: false };
    } catch (error) {
      const last = this.entries.get(key);
      if (!last) throw error;
      return { value: last.value, storedAt: last.storedAt, stale: true, error };
    }
  }

  clear(): void {
    this.entries.clear();
  }
}
