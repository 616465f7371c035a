// One GET to the Sentry REST API with the whole policy around it: bearer token in a header (never
// in the URL), repeated `field=` parameters, a concurrency cap, the rate-limit headers, bounded
// retries with jitter for 5xx and timeouts, and every failure turned into a SentryError. The
// axios instance, clock, sleep and randomness are passed in so tests need no real waiting.

import type { AxiosInstance, AxiosResponse, AxiosStatic } from 'axios';
import { errorFromStatus, redact, SentryError, type ErrorContext } from './errors';
import {
  backoffMs,
  DEFAULT_RETRY_POLICY,
  isRetryableStatus,
  readRateLimit,
  waitAfter429,
  waitBeforeNext,
  type HeaderBag,
  type RateLimitState,
  type RetryPolicy,
} from './rate-limit';
import { describeTransportError, isRetryableTransportError } from './transport-errors';

/** What the client logs to; a vscode LogOutputChannel fits, and so does a test recorder. */
export interface SentryLog {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface HttpDeps {
  readonly axios?: AxiosInstance;
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
  readonly log?: SentryLog;
  readonly policy?: RetryPolicy;
  readonly timeoutMs?: number;
  readonly maxConcurrent?: number;
}

export type Params = Record<string, string | number | readonly string[] | undefined>;

export interface HttpAnswer<T> {
  readonly data: T;
  readonly headers: HeaderBag;
}

const silentLog: SentryLog = { debug() {}, info() {}, warn() {}, error() {} };

export class SentryHttp {
  private readonly axios: AxiosInstance;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  readonly log: SentryLog;
  private readonly policy: RetryPolicy;
  private readonly timeoutMs: number;
  private readonly gate: Semaphore;
  private readonly limits = new Map<string, RateLimitState>();

  constructor(
    private readonly token: string,
    deps: HttpDeps = {},
  ) {
    this.axios = deps.axios ?? loadAxios().create();
    this.now = deps.now ?? Date.now;
    this.sleep = deps.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.random = deps.random ?? Math.random;
    this.log = deps.log ?? silentLog;
    this.policy = deps.policy ?? DEFAULT_RETRY_POLICY;
    this.timeoutMs = deps.timeoutMs ?? 30_000;
    this.gate = new Semaphore(deps.maxConcurrent ?? 4);
  }

  async get<T>(url: string, params: Params, ctx: ErrorContext): Promise<HttpAnswer<T>> {
    const shown = this.clean(
      this.axios.getUri({ url, params, paramsSerializer: { indexes: null } }),
    );
    const endpoint = url.split('?')[0];
    let serverRetries = 0;
    let limitRetries = 0;
    for (;;) {
      const pause = waitBeforeNext(this.limits.get(endpoint), this.now(), this.policy);
      if (pause > 0) {
        this.log.info(`Sentry rate-limit window used up; waiting ${pause} ms before ${shown}`);
        await this.sleep(pause);
      }
      let res: AxiosResponse<string>;
      try {
        res = await this.gate.run(() => this.send(url, params));
      } catch (err) {
        if (isRetryableTransportError(err) && serverRetries < this.policy.maxServerRetries) {
          const wait = backoffMs(serverRetries++, this.policy, this.random());
          this.log.warn(
            `Sentry GET ${shown} failed (${this.clean(String((err as Error).message))}); retry ${serverRetries} in ${wait} ms`,
          );
          await this.sleep(wait);
          continue;
        }
        const e = describeTransportError(err, ctx, this.timeoutMs);
        this.log.error(this.clean(`Sentry GET ${shown}: ${e.message}`));
        throw this.scrub(e);
      }
      const headers = res.headers as HeaderBag;
      this.limits.set(endpoint, readRateLimit(headers));
      if (res.status === 429 && limitRetries < this.policy.maxRateLimitRetries) {
        const wait = waitAfter429(headers, this.now(), limitRetries++, this.policy, this.random());
        this.log.warn(
          `Sentry rate-limited GET ${shown} (429); waiting ${wait} ms until the window resets`,
        );
        await this.sleep(wait);
        continue;
      }
      if (isRetryableStatus(res.status) && serverRetries < this.policy.maxServerRetries) {
        const wait = backoffMs(serverRetries++, this.policy, this.random());
        this.log.warn(
          `Sentry GET ${shown} answered ${res.status}; retry ${serverRetries} in ${wait} ms`,
        );
        await this.sleep(wait);
        continue;
      }
      if (res.status >= 300) {
        const e =
          res.status < 400 ? this.redirected(res, ctx) : errorFromStatus(res.status, res.data, ctx);
        this.log.error(this.clean(`Sentry GET ${shown} → ${res.status}: ${e.message}`));
        throw this.scrub(e);
      }
      this.log.debug(`Sentry GET ${shown} → ${res.status}`);
      return { data: this.parse<T>(res.data, ctx, shown), headers };
    }
  }

  private send(url: string, params: Params): Promise<AxiosResponse<string>> {
    return this.axios.get<string>(url, {
      params,
      // Django's QueryDict.getlist reads field=a&field=b; axios's default would send field[]=a.
      paramsSerializer: { indexes: null },
      headers: { Authorization: `Bearer ${this.token}`, Accept: 'application/json' },
      timeout: this.timeoutMs,
      // Status handling, JSON parsing and redirects are ours: a redirect could carry the token
      // to another host, and a 429 arrives as text/html.
      validateStatus: () => true,
      maxRedirects: 0,
      responseType: 'text',
      transformResponse: [(d: unknown) => d],
    });
  }

  private parse<T>(body: string, ctx: ErrorContext, shown: string): T {
    try {
      return JSON.parse(body) as T;
    } catch {
      const e = new SentryError(
        'bad-response',
        `${ctx.baseUrl} did not answer ${ctx.what} with Sentry API JSON`,
        'check that hotspotLens.sentry.url is the Sentry web address (no proxy or login page in between)',
      );
      this.log.error(this.clean(`Sentry GET ${shown}: ${e.message}`));
      throw e;
    }
  }

  private redirected(res: AxiosResponse<string>, ctx: ErrorContext): SentryError {
    const to = String((res.headers as HeaderBag).location ?? 'another address');
    return new SentryError(
      'config',
      `${ctx.baseUrl} redirected the request for ${ctx.what} to ${to}`,
      'set hotspotLens.sentry.url to the address Sentry redirects to',
      res.status,
    );
  }

  private clean(text: string): string {
    return redact(text, this.token);
  }

  private scrub(e: SentryError): SentryError {
    const clean = this.clean(e.message);
    return clean === e.message
      ? e
      : new SentryError(e.kind, this.clean(e.reason), this.clean(e.fix), e.status);
  }
}

// The events endpoint allows a limited number of concurrent requests per caller (50 by default,
// 15 with some flags); we stay well below that.
export class Semaphore {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly max: number) {
    if (max < 1) throw new RangeError('Semaphore needs at least one slot');
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.max) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active++;
    try {
      return await task();
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }
}

/**
 * axios with its mime table is about half of the extension bundle and pulls in Node's http, https
 * and zlib; requiring it on first use (esbuild wraps a lazy `require` so the module runs only
 * then) keeps all of that out of activation, which must stay under 30 ms.
 */
function loadAxios(): AxiosStatic {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require('axios') as AxiosStatic & { default?: AxiosStatic };
  return mod.default ?? mod;
}
