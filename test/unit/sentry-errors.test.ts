import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { SentryClient } from '../../src/sentry/client';
import { readDetail, SentryError } from '../../src/sentry/errors';
import { fetchSpanStats } from '../../src/sentry/span-stats';
import { FakeSentry, FIXTURES, fixedTime, LogRecorder } from '../support/fake-sentry';

const TOKEN = 'sntryu_' + 'feedface'.repeat(8);
const ORG = 'acme-shop';
const noRetry = { maxServerRetries: 0, maxRateLimitRetries: 0, baseDelayMs: 1, maxDelayMs: 10 };

describe('Sentry error answers become messages with a cause and a fix', () => {
  let server: FakeSentry;
  before(async () => (server = await new FakeSentry().start()));
  after(() => server.stop());

  const files = readdirSync(join(FIXTURES, 'errors')).filter((f) => f.endsWith('.json'));
  it('has error fixtures to check', () => assert.ok(files.length >= 10));

  for (const file of files) {
    it(`errors/${file}`, async () => {
      const status = Number(file.slice(0, 3));
      const detail = readDetail(readFileSync(join(FIXTURES, 'errors', file), 'utf8'));
      const log = new LogRecorder();
      const c = new SentryClient({
        url: server.url,
        token: TOKEN,
        policy: noRetry,
        log,
        ...fixedTime(0),
      });
      // Every request of the query set gets the error, whichever is sent first.
      server.inject(
        ...[1, 2, 3].map(() => ({
          status,
          bodyFile: `errors/${file}`,
          when: (p: string) => p.endsWith('/events/'),
        })),
      );
      const err = await fetchSpanStats(c, { org: ORG, projects: [], period: '24h' }).catch(
        (e: unknown) => e,
      );
      assert.ok(err instanceof SentryError, String(err));
      assert.equal(err.status, status);
      assert.ok(detail.text.length > 0);
      assert.ok(err.reason.includes(detail.text), `cause quotes Sentry: ${err.message}`);
      assert.ok(err.fix.length > 20, `a fix is given: ${err.message}`);
      assert.ok(err.message.includes(`Fix: ${err.fix}`));
      assert.ok(!err.message.includes(TOKEN) && !log.lines.some((l) => l.includes(TOKEN)));
      assert.ok(
        log.lines.some((l) => l.startsWith('error ') && l.includes(String(status))),
        'the failure is logged',
      );
    });
  }

  it('names the fix that matches the cause', async () => {
    const c = new SentryClient({ url: server.url, token: TOKEN, policy: noRetry, ...fixedTime(0) });
    const failWith = async (status: number, bodyFile: string) => {
      server.inject({ status, bodyFile });
      return (await c.checkToken().catch((e: unknown) => e)) as SentryError;
    };
    assert.match((await failWith(401, 'errors/401.invalid-org-token.json')).fix, /User Auth Token/);
    assert.match((await failWith(403, 'errors/403.forbidden.json')).fix, /event:read/);
    assert.match(
      (await failWith(400, 'errors/400.invalid-stats-period.json')).fix,
      /hotspotLens\.sentry\.period/,
    );
    const sso = await failWith(401, 'errors/401.sso-required.json');
    assert.ok(
      sso.fix.includes(new URL('/auth/login/acme-shop/', server.url).toString()),
      sso.message,
    );
    assert.match((await failWith(401, 'errors/401.2fa-required.json')).fix, /two-factor/);
    assert.match(
      (await failWith(500, 'errors/500.internal-error.json')).reason,
      /d1f1c55b6a3e4f3c9a0e7b2c4d6e8f01/,
    );
  });

  it('explains an unreachable server and a non-JSON answer', async () => {
    const c = new SentryClient({ url: server.url, token: TOKEN, policy: noRetry, ...fixedTime(0) });
    server.inject({
      status: 200,
      body: undefined,
      headers: { 'Content-Type': 'text/html' },
      bodyFile: 'README.md',
    });
    await assert.rejects(
      c.checkToken(),
      (e: unknown) => e instanceof SentryError && e.kind === 'bad-response',
    );
    const closed = await new FakeSentry().start();
    const url = closed.url;
    await closed.stop();
    const gone = new SentryClient({ url, token: TOKEN, policy: noRetry, ...fixedTime(0) });
    await assert.rejects(
      gone.checkToken(),
      (e: unknown) =>
        e instanceof SentryError &&
        e.kind === 'network' &&
        /connection refused/.test(e.message) &&
        /hotspotLens\.sentry\.url/.test(e.message),
    );
  });

  it('rejects the bad token of the manifest with an auth error', async () => {
    const bad = 'sntryu_' + 'bad'.repeat(21) + '0';
    const c = new SentryClient({ url: server.url, token: bad, policy: noRetry, ...fixedTime(0) });
    await assert.rejects(
      c.checkToken(),
      (e: unknown) =>
        e instanceof SentryError &&
        e.kind === 'auth' &&
        e.message.includes('Invalid token') &&
        !e.message.includes(bad),
    );
  });
});
