// Sentry's fixed-window rate limit on the events endpoint (src/sentry/middleware/ratelimit.py):
// 50 requests per 1 s window per caller, with the X-Sentry-Rate-Limit-* headers on every answer
// and no Retry-After. The local server never runs queries concurrently, so the concurrent limit
// is reported but never reached.
export interface RateDecision {
  allowed: boolean;
  headers: Record<string, string>;
}

export class RateLimiter {
  private readonly windows = new Map<string, { window: number; used: number }>();

  constructor(
    private readonly limit: number,
    private readonly now: () => number,
  ) {}

  take(caller: string): RateDecision {
    const window = Math.floor(this.now());
    const entry = this.windows.get(caller);
    const state = entry && entry.window === window ? entry : { window, used: 0 };
    state.used++;
    this.windows.set(caller, state);
    return {
      allowed: state.used <= this.limit,
      headers: {
        'X-Sentry-Rate-Limit-Limit': String(this.limit),
        'X-Sentry-Rate-Limit-Remaining': String(Math.max(0, this.limit - state.used)),
        'X-Sentry-Rate-Limit-Reset': String(window + 1),
        'X-Sentry-Rate-Limit-ConcurrentLimit': String(this.limit),
        'X-Sentry-Rate-Limit-ConcurrentRemaining': String(this.limit - 1),
      },
    };
  }
}
