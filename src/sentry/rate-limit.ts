// The HTTP policy as pure functions of the response headers, the attempt number and `now`, after
// the Sentry JavaScript SDK's ratelimit.ts (CONTRIBUTING.md §4.5). The REST API sends X-Sentry-Rate-Limit-*
// headers on SaaS (never on self-hosted) and a 429 without Retry-After, so the wait comes from
// X-Sentry-Rate-Limit-Reset, an epoch in seconds (docs/sentry-api.md §4.2).

export type HeaderBag = Record<string, unknown>;

export interface RateLimitState {
  readonly limit?: number;
  readonly remaining?: number;
  /** Epoch milliseconds at which the current window ends. */
  readonly resetAtMs?: number;
  readonly concurrentRemaining?: number;
}

export interface RetryPolicy {
  /** Extra attempts after the first for 5xx answers and timeouts. */
  readonly maxServerRetries: number;
  /** Extra attempts after the first for 429 answers. */
  readonly maxRateLimitRetries: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxServerRetries: 3,
  maxRateLimitRetries: 3,
  baseDelayMs: 500,
  maxDelayMs: 60_000,
};

function header(headers: HeaderBag, name: string): string | undefined {
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name.toLowerCase());
  const value = key === undefined ? undefined : headers[key];
  if (Array.isArray(value)) return value.length ? String(value[0]) : undefined;
  return value === undefined || value === null ? undefined : String(value);
}

function num(text: string | undefined): number | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : undefined;
}

export function readRateLimit(headers: HeaderBag): RateLimitState {
  const reset = num(header(headers, 'X-Sentry-Rate-Limit-Reset'));
  return {
    limit: num(header(headers, 'X-Sentry-Rate-Limit-Limit')),
    remaining: num(header(headers, 'X-Sentry-Rate-Limit-Remaining')),
    resetAtMs: reset === undefined ? undefined : reset * 1000,
    concurrentRemaining: num(header(headers, 'X-Sentry-Rate-Limit-ConcurrentRemaining')),
  };
}

/**
 * Milliseconds until the Retry-After a proxy may add (seconds or an HTTP date), if present.
 */
export function retryAfterMs(headers: HeaderBag, nowMs: number): number | undefined {
  const text = header(headers, 'Retry-After');
  if (text === undefined) return undefined;
  const seconds = num(text);
  if (seconds !== undefined) return Math.max(0, seconds * 1000);
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

/** Exponential backoff with full jitter; `random` is in [0, 1). */
export function backoffMs(attempt: number, policy: RetryPolicy, random: number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.round(ceiling / 2 + (ceiling / 2) * random);
}

/**
 * How long to wait after a 429: Retry-After if a proxy sent one, else until the window resets
 * (plus a small margin for clock skew), else backoff. Never longer than the policy's cap.
 */
export function waitAfter429(
  headers: HeaderBag,
  nowMs: number,
  attempt: number,
  policy: RetryPolicy,
  random: number,
): number {
  const after = retryAfterMs(headers, nowMs);
  if (after !== undefined) return Math.min(after, policy.maxDelayMs);
  const { resetAtMs } = readRateLimit(headers);
  if (resetAtMs !== undefined && resetAtMs >= nowMs)
    return Math.min(resetAtMs - nowMs + 50, policy.maxDelayMs);
  return backoffMs(attempt, policy, random);
}

/**
 * Wait before the next request when the last answer said the window is used up, so we do not
 * provoke a 429 at all. Zero when requests remain or when the server sent no headers.
 */
export function waitBeforeNext(
  state: RateLimitState | undefined,
  nowMs: number,
  policy: RetryPolicy,
): number {
  if (!state || state.remaining === undefined || state.remaining > 0) return 0;
  if (state.resetAtMs === undefined || state.resetAtMs <= nowMs) return 0;
  return Math.min(state.resetAtMs - nowMs + 50, policy.maxDelayMs);
}

/** 5xx answers and transport timeouts are worth another try; 4xx are not (except 429). */
export function isRetryableStatus(status: number): boolean {
  return status === 502 || status === 503 || status === 504 || status === 500;
}
