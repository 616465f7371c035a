import assert from 'node:assert/strict';
import { SentryClient } from '../../src/sentry/client';
import { SentryError } from '../../src/sentry/errors';
import { periodMinutes } from '../../src/sentry/period';
import { fetchSlowestSpans } from '../../src/sentry/samples';
import { fetchSpanStats } from '../../src/sentry/span-stats';
import { fetchTrace } from '../../src/sentry/trace';
import { FakeSentry, fixedTime, LogRecorder } from '../support/fake-sentry';

const TOKEN = 'sntryu_' + 'c0ffee00'.repeat(8);
const ORG = 'acme-shop';
const NOW = 1795725701000;
const RESET_S = 1795725702;
const isEvents = (p: string) => p.endsWith('/events/');
const limitHeaders = {
  'Content-Type': 'text/html; charset=utf-8',
  'X-Sentry-Rate-Limit-Limit': '50',
  'X-Sentry-Rate-Limit-Remaining': '0',
  'X-Sentry-Rate-Limit-Reset': String(RESET_S),
};

describe('Sentry HTTP policy: 429, 5xx, timeouts, query timeouts', () => {
  let server: FakeSentry;
  beforeEach(async () => (server = await new FakeSentry().start()));
  afterEach(() => server.stop());

  it('waits until X-Sentry-Rate-Limit-Reset after a 429, then succeeds', async () => {
    const time = fixedTime(NOW);
    const c = new SentryClient({ url: server.url, token: TOKEN, ...time, maxConcurrent: 1 });
    server.inject({
      status: 429,
      headers: limitHeaders,
      bodyFile: 'errors/429.rate-limited.json',
      when: isEvents,
    });
    const result = await fetchSpanStats(c, { org: ORG, projects: [], period: '24h' });
    assert.ok(result.rows.length > 0);
    assert.equal(time.sleeps.length, 1);
    const untilReset = RESET_S * 1000 - NOW;
    assert.ok(
      time.sleeps[0] >= untilReset && time.sleeps[0] < untilReset + 1000,
      `slept ${time.sleeps[0]}`,
    );
    assert.equal(server.requests.filter((r) => r.route === 'injected').length, 1);
  });

  it('gives up on 429 after a bounded number of retries', async () => {
    const time = fixedTime(NOW);
    const policy = {
      maxServerRetries: 0,
      maxRateLimitRetries: 2,
      baseDelayMs: 10,
      maxDelayMs: 5000,
    };
    const c = new SentryClient({ url: server.url, token: TOKEN, ...time, policy });
    server.inject(
      ...Array.from({ length: 3 }, () => ({
        status: 429,
        headers: limitHeaders,
        bodyFile: 'errors/429.concurrent-limit.json',
      })),
    );
    await assert.rejects(
      c.checkToken(),
      (e: unknown) =>
        e instanceof SentryError && e.kind === 'rate-limited' && /concurrency/.test(e.message),
    );
    assert.equal(server.requests.length, 3);
    assert.equal(time.sleeps.length, 2);
  });

  it('waits before the next request when Remaining is 0', async () => {
    const time = fixedTime(NOW);
    const c = new SentryClient({ url: server.url, token: TOKEN, ...time });
    server.inject({ status: 200, headers: limitHeaders, bodyFile: 'api-root.json' });
    await c.checkToken();
    assert.deepEqual(time.sleeps, []);
    await c.checkToken();
    assert.equal(time.sleeps.length, 1);
    assert.ok(time.sleeps[0] >= RESET_S * 1000 - NOW);
  });

  it('retries 5xx with growing jittered backoff and succeeds', async () => {
    const time = fixedTime(NOW);
    const policy = {
      maxServerRetries: 3,
      maxRateLimitRetries: 0,
      baseDelayMs: 100,
      maxDelayMs: 10_000,
    };
    const c = new SentryClient({
      url: server.url,
      token: TOKEN,
      ...time,
      policy,
      random: () => 0.5,
    });
    server.inject(
      { status: 503, body: {} },
      { status: 500, bodyFile: 'errors/500.query-failed.json' },
    );
    await c.checkToken();
    assert.equal(server.requests.length, 3);
    assert.equal(time.sleeps.length, 2);
    assert.ok(time.sleeps[1] > time.sleeps[0], `backoff grows: ${time.sleeps}`);
  });

  it('stops retrying 5xx after the bound and reports the last answer', async () => {
    const policy = { maxServerRetries: 2, maxRateLimitRetries: 0, baseDelayMs: 1, maxDelayMs: 10 };
    const c = new SentryClient({ url: server.url, token: TOKEN, ...fixedTime(NOW), policy });
    server.inject(
      ...Array.from({ length: 5 }, () => ({
        status: 500,
        bodyFile: 'errors/500.internal-error.json',
      })),
    );
    await assert.rejects(
      c.checkToken(),
      (e: unknown) => e instanceof SentryError && e.kind === 'server' && e.status === 500,
    );
    assert.equal(server.requests.length, 3);
  });

  it('times out a silent server, retries a bounded number of times, then explains', async () => {
    const policy = { maxServerRetries: 1, maxRateLimitRetries: 0, baseDelayMs: 1, maxDelayMs: 10 };
    const log = new LogRecorder();
    const c = new SentryClient({
      url: server.url,
      token: TOKEN,
      ...fixedTime(NOW),
      policy,
      timeoutMs: 100,
      log,
    });
    server.inject(
      { delayMs: 400, bodyFile: 'api-root.json' },
      { delayMs: 400, bodyFile: 'api-root.json' },
    );
    await assert.rejects(
      c.checkToken(),
      (e: unknown) =>
        e instanceof SentryError && e.kind === 'timeout' && /did not answer/.test(e.message),
    );
    assert.equal(server.requests.length, 2);
    assert.ok(log.lines.some((l) => l.startsWith('warn ') && /retry 1/.test(l)));
  });

  it('shrinks the period once when Sentry says the query timed out', async () => {
    const c = new SentryClient({ url: server.url, token: TOKEN, ...fixedTime(NOW) });
    const timeout = {
      detail:
        'Query timeout. Please try again. If the problem persists try a smaller date range or fewer projects.',
    };
    server.inject({
      status: 400,
      body: timeout,
      when: (p, q) =>
        isEvents(p) && q.get('statsPeriod') === '24h' && q.get('query') === 'has:code.filepath',
    });
    const result = await fetchSpanStats(c, { org: ORG, projects: [], period: '24h' });
    assert.ok(periodMinutes(result.period)! < 24 * 60, result.period);
    // The whole set ran again on the shorter period: two legacy pages, OTel names, function names.
    const rerun = server.requests.filter((r) => r.query.get('statsPeriod') === result.period);
    assert.deepEqual(rerun.map((r) => r.query.get('query')).sort(), [
      'has:code.file.path',
      'has:code.filepath',
      'has:code.filepath',
      'span.op:function',
    ]);
    assert.ok(result.notes.some((n) => n.includes(result.period)));
    assert.ok(result.rows.length > 0);
  });

  it('shrinks only once', async () => {
    const c = new SentryClient({ url: server.url, token: TOKEN, ...fixedTime(NOW) });
    const timeout = { detail: 'Query timeout. Please try again.' };
    const when = (p: string, q: URLSearchParams) =>
      isEvents(p) && q.get('query') === 'has:code.filepath';
    server.inject({ status: 400, body: timeout, when }, { status: 400, body: timeout, when });
    await assert.rejects(
      fetchSpanStats(c, { org: ORG, projects: [], period: '24h' }),
      (e: unknown) =>
        e instanceof SentryError && e.kind === 'query-timeout' && /shorter/.test(e.fix),
    );
  });

  it('never puts the token in a URL, a log line or an error message', async () => {
    const log = new LogRecorder();
    const policy = { maxServerRetries: 1, maxRateLimitRetries: 1, baseDelayMs: 1, maxDelayMs: 10 };
    const c = new SentryClient({
      url: server.url,
      token: TOKEN,
      ...fixedTime(NOW),
      log,
      policy,
      timeoutMs: 100,
    });
    const errors: string[] = [];
    const collect = (p: Promise<unknown>) => p.catch((e: Error) => void errors.push(e.message));
    await collect(c.checkToken());
    const { rows } = await fetchSpanStats(c, { org: ORG, projects: [], period: '24h' });
    await collect(fetchSlowestSpans(c, ORG, rows[0], { projects: [], period: '24h' }));
    await collect(fetchTrace(c, ORG, '7956a76dc3a3402f847877a4e4ec42e5', '24h'));
    // An echo of the token in an error body must not come back out either.
    server.inject({ status: 401, body: { detail: `Invalid token ${TOKEN}` } });
    await collect(c.checkToken());
    server.inject(
      { status: 429, headers: limitHeaders, body: { detail: 'slow down' } },
      { status: 503, body: {} },
      { delayMs: 300, bodyFile: 'api-root.json' },
      { delayMs: 300, bodyFile: 'api-root.json' },
    );
    await collect(c.checkToken());
    server.inject({ status: 403, bodyFile: 'errors/403.forbidden.json' });
    await collect(fetchSpanStats(c, { org: ORG, projects: ['999'], period: '1h' }));
    assert.ok(errors.length >= 3 && log.lines.length > 10, 'failures and successes were exercised');
    assert.ok(
      server.requests.every((r) => r.headers.authorization === `Bearer ${TOKEN}`),
      'the token was in use',
    );
    for (const r of server.requests) assert.ok(!`${r.path}?${r.query}`.includes(TOKEN.slice(7)));
    for (const line of [...log.lines, ...errors]) assert.ok(!line.includes(TOKEN.slice(7)), line);
  });
});
