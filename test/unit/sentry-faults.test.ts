import assert from 'node:assert/strict';
import axios from 'axios';
import { readFileSync } from 'fs';
import { createServer, type Server } from 'https';
import type { AddressInfo } from 'net';
import { join } from 'path';
import { inspect } from 'util';
import { TtlCache } from '../../src/sentry/cache';
import { SentryClient } from '../../src/sentry/client';
import { SentryError } from '../../src/sentry/errors';
import type { RetryPolicy } from '../../src/sentry/rate-limit';
import { fetchSpanStats, type SpanStatsResult } from '../../src/sentry/span-stats';
import { FakeSentry, fixedTime, LogRecorder } from '../support/fake-sentry';
import { FaultProxy, type Fault } from '../support/fault-proxy';

// The Sentry client behind a fault-injecting proxy (real sockets on 127.0.0.1): every fault ends
// in data or a SentryError of a named kind, after a bounded number of attempts, with no
// unhandled rejection and no token in any URL, log line or error text. Sleeps go through a fake
// clock, so retries cost no waiting; timeouts are real (short).

const TOKEN = 'sntryu_' + '5ec7e75ec7e7'.repeat(5);
const SECRET = TOKEN.slice('sntryu_'.length);
const ORG = 'acme-shop';
const POLICY: RetryPolicy = {
  maxServerRetries: 3,
  maxRateLimitRetries: 3,
  baseDelayMs: 100,
  maxDelayMs: 5000,
};
const MAX_ATTEMPTS = 1 + POLICY.maxServerRetries + POLICY.maxRateLimitRetries;
const TLS = join(__dirname, '../../../test/fixtures/tls');

describe('Sentry client behind a fault-injecting proxy', function () {
  this.timeout(30000);
  let fake: FakeSentry;
  let proxy: FaultProxy;
  const captured: string[] = [];
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
  const logs: LogRecorder[] = [];

  before(() => process.on('unhandledRejection', onUnhandled));
  after(() => process.off('unhandledRejection', onUnhandled));
  beforeEach(async () => {
    fake = await new FakeSentry().start();
    proxy = await new FaultProxy(fake.url).start();
  });
  let faults = 0;
  after(() => {
    if (process.env.FAULT_REPORT) console.log(`faults injected: ${faults}`);
  });
  afterEach(async () => {
    faults += proxy.faultCount;
    await proxy.stop();
    await fake.stop();
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(unhandled, [], 'unhandled rejections');
    const everything = [...captured, ...proxy.urls, ...logs.flatMap((l) => l.lines)];
    assert.ok(everything.length > 0, 'nothing captured to check for the token');
    for (const text of everything) assert.ok(!text.includes(SECRET), `token in: ${text}`);
    captured.length = 0;
    logs.length = 0;
  });

  function client(timeoutMs = 2000, url = proxy.url): { c: SentryClient; sleeps: number[] } {
    const time = fixedTime(1795725701000);
    const log = new LogRecorder();
    logs.push(log);
    const c = new SentryClient({ url, token: TOKEN, ...time, log, policy: POLICY, timeoutMs });
    return { c, sleeps: time.sleeps };
  }

  /** Runs a call; returns the SentryError it ended in (recorded for the token grep) or null. */
  async function settle(call: () => Promise<unknown>): Promise<SentryError | null> {
    try {
      await call();
      return null;
    } catch (err) {
      assert.ok(err instanceof SentryError, `not a SentryError: ${inspect(err)}`);
      captured.push(err.message, String(err.stack), inspect(err, { depth: 8, showHidden: true }));
      captured.push(JSON.stringify(err));
      return err;
    }
  }

  async function persistent(fault: Fault, timeoutMs?: number): Promise<SentryError> {
    const { c, sleeps } = client(timeoutMs);
    proxy.always(fault);
    const err = await settle(() => c.checkToken());
    assert.ok(err, `${fault.kind} did not fail`);
    assert.ok(proxy.urls.length <= MAX_ATTEMPTS, `${proxy.urls.length} attempts`);
    assert.equal(sleeps.length, proxy.urls.length - 1, 'one wait before each retry');
    for (const ms of sleeps) assert.ok(ms <= POLICY.maxDelayMs, `waited ${ms} ms`);
    return err;
  }

  it('waits for a slow answer within the timeout', async () => {
    proxy.next({ kind: 'delay', ms: 150 });
    const info = await client().c.checkToken();
    assert.ok(info.scopes.includes('org:read'));
  });

  it('a server that never answers: timeout after 1 + maxServerRetries attempts', async () => {
    const err = await persistent({ kind: 'hang' }, 150);
    assert.equal(err.kind, 'timeout');
    assert.match(err.message, /did not answer the token check .* within 150 ms/);
    assert.equal(proxy.urls.length, 1 + POLICY.maxServerRetries);
  });

  it('connection resets before the answer or mid-body are retried, then named', async () => {
    for (const kind of ['reset-before-answer', 'reset-mid-body'] as const) {
      proxy.next({ kind });
      await client().c.checkToken(); // one reset, then the retry gets through
    }
    assert.equal(proxy.urls.length, 4);
    proxy.urls.length = 0;
    const before = await persistent({ kind: 'reset-before-answer' });
    assert.equal(before.kind, 'network');
    assert.match(before.message, /failed \(ECONNRESET\)/);
    proxy.urls.length = 0;
    const mid = await persistent({ kind: 'reset-mid-body' });
    assert.equal(mid.kind, 'network');
    assert.match(mid.message, /connection .* was cut while the answer to the token check/);
  });

  it('truncated and invalid JSON in a 200 are named once, not retried', async () => {
    for (const kind of ['truncated-json', 'invalid-json'] as const) {
      proxy.urls.length = 0;
      const err = await persistent({ kind });
      assert.equal(err.kind, 'bad-response');
      assert.match(err.message, /did not answer the token check .* with Sentry API JSON/);
      assert.equal(proxy.urls.length, 1);
    }
  });

  it('HTML pages: a 502 from a proxy is retried then named, a 200 login page is named', async () => {
    const gateway = await persistent({ kind: 'html', status: 502 });
    assert.equal(gateway.kind, 'server');
    assert.match(gateway.message, /HTTP 502/);
    assert.doesNotMatch(gateway.message, /<html|nginx/i);
    proxy.urls.length = 0;
    const login = await persistent({ kind: 'html', status: 200 });
    assert.equal(login.kind, 'bad-response');
    assert.equal(proxy.urls.length, 1);
  });

  it('a 429 storm ends in "rate-limited" after 1 + maxRateLimitRetries attempts', async () => {
    const err = await persistent({ kind: 'status', status: 429 });
    assert.equal(err.kind, 'rate-limited');
    assert.equal(proxy.urls.length, 1 + POLICY.maxRateLimitRetries);
  });

  it('a 5xx burst within the retry budget is ridden out; a longer one is named', async () => {
    const burst: Fault[] = [500, 503, 504].map((status) => ({ kind: 'status', status }));
    proxy.next(...burst);
    const { c } = client();
    const stats = await fetchSpanStats(c, { org: ORG, projects: [], period: '24h' });
    assert.ok(stats.rows.length > 0);
    proxy.urls.length = 0;
    const err = await persistent({ kind: 'status', status: 503 });
    assert.equal(err.kind, 'server');
    assert.equal(proxy.urls.length, 1 + POLICY.maxServerRetries);
  });

  it('refuses plain http:// to a non-loopback host before sending anything', async () => {
    let sent = 0;
    const counting = axios.create();
    counting.interceptors.request.use((config) => {
      sent++;
      return config;
    });
    for (const url of ['http://sentry.example.com', 'http://10.20.30.40:9000']) {
      assert.throws(
        () => new SentryClient({ url, token: TOKEN, axios: counting }),
        (e: unknown) => {
          captured.push(String(e), inspect(e));
          return e instanceof SentryError && e.kind === 'config' && /plain HTTP/.test(e.message);
        },
      );
    }
    assert.equal(sent, 0);
  });

  it('a self-signed certificate on 127.0.0.1 gives a named TLS error, without retries', async () => {
    let requests = 0;
    const server: Server = createServer({
      key: readFileSync(join(TLS, 'self-signed.key.pem')),
      cert: readFileSync(join(TLS, 'self-signed.cert.pem')),
    });
    server.on('request', (_req, res) => {
      requests++;
      res.end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const { c, sleeps } = client(2000, `https://127.0.0.1:${port}`);
      const err = await settle(() => c.checkToken());
      assert.equal(err?.kind, 'network');
      assert.match(err.message, /TLS certificate of https:\/\/127\.0\.0\.1:\d+ was not accepted/);
      assert.match(err.message, /SELF_SIGNED/);
      assert.equal(requests, 0, 'no request (and so no token) went over the rejected connection');
      assert.deepEqual(sleeps, []);
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });

  it('keeps the last good span statistics, marked stale, while refreshes fail', async () => {
    let now = 1795725701000;
    const cache = new TtlCache<SpanStatsResult>(60_000, () => now);
    const { c } = client(300);
    const q = { org: ORG, projects: [], period: '24h' };
    const load = (): Promise<SpanStatsResult> => fetchSpanStats(c, q);
    const good = await cache.getOrStale('k', load);
    assert.equal(good.stale, false);
    for (const fault of [
      { kind: 'html', status: 502 },
      { kind: 'hang' },
      { kind: 'invalid-json' },
    ] as Fault[]) {
      proxy.always(fault);
      now += 120_000; // past the TTL, so the cache must ask again
      const r = await cache.getOrStale('k', load, true);
      assert.equal(r.stale, true, fault.kind);
      assert.equal(r.value, good.value);
      assert.equal(r.storedAt, good.storedAt);
      assert.ok(r.error instanceof SentryError, fault.kind);
      captured.push(r.error.message);
    }
    proxy.always(undefined);
    const fresh = await cache.getOrStale('k', load, true);
    assert.equal(fresh.stale, false);
    assert.notEqual(fresh.value, good.value);
    await assert.rejects(cache.getOrStale('never-loaded', () => Promise.reject(new Error('x'))));
  });
});
