import assert from 'node:assert/strict';
import { lensText } from '../../src/editor/sentry/lens-text';
import {
  loadSnapshot,
  staleLensTitle,
  staleMessage,
  type SentrySnapshot,
} from '../../src/editor/sentry/snapshot';
import { TtlCache } from '../../src/sentry/cache';
import { SentryClient } from '../../src/sentry/client';
import { SentryError } from '../../src/sentry/errors';
import { fetchSpanStats } from '../../src/sentry/span-stats';
import { FakeSentry, fixedTime, LogRecorder } from '../support/fake-sentry';
import { FaultProxy, type Fault } from '../support/fault-proxy';

// The editor's refresh path (src/editor/sentry/snapshot.ts, used by data.ts) against the fake
// Sentry behind the fault proxy: a refresh that fails keeps the last good snapshot, marked stale
// with the error, and the lens says so.

const TOKEN = 'sntryu_' + '57a1e57a1e'.repeat(6);
const ORG = 'acme-shop';
const POLICY = { maxServerRetries: 1, maxRateLimitRetries: 1, baseDelayMs: 10, maxDelayMs: 50 };

describe('stale Sentry data in the editor (loadSnapshot)', function () {
  this.timeout(30000);
  let fake: FakeSentry;
  let proxy: FaultProxy;
  let client: SentryClient;
  let clock: number;
  const log = new LogRecorder();

  beforeEach(async () => {
    fake = await new FakeSentry().start();
    proxy = await new FaultProxy(fake.url).start();
    const time = fixedTime(1795725701000);
    client = new SentryClient({
      url: proxy.url,
      token: TOKEN,
      ...time,
      log,
      policy: POLICY,
      timeoutMs: 300,
    });
    clock = 1795725701000;
  });
  afterEach(async () => {
    await proxy.stop();
    await fake.stop();
  });

  const load = async (): Promise<SentrySnapshot> => ({
    ...(await fetchSpanStats(client, { org: ORG, projects: [], period: '24h' })),
    url: client.baseUrl,
    org: ORG,
    fetchedAt: clock,
  });

  it('keeps the last good rows, marked stale with the error, through each fault', async () => {
    const cache = new TtlCache<SentrySnapshot>(60_000, () => clock);
    const good = await loadSnapshot(cache, 'k', load, false);
    assert.equal(good.stale, undefined);
    assert.ok(good.rows.length > 0);
    const first = lensText(good.rows[0], good.period);
    assert.equal(staleLensTitle(first, good), first);
    const faults: [Fault, RegExp][] = [
      [{ kind: 'html', status: 502 }, /HTTP 502/],
      [{ kind: 'hang' }, /did not answer/],
      [{ kind: 'invalid-json' }, /did not answer .* with Sentry API JSON/],
      [{ kind: 'reset-mid-body' }, /cut while the answer/],
      [{ kind: 'status', status: 401, body: '{"detail":"Invalid token"}' }, /token/i],
    ];
    for (const [fault, message] of faults) {
      proxy.always(fault);
      clock += 120_000; // past the TTL: the refresh must ask Sentry again
      const snap = await loadSnapshot(cache, 'k', load, false);
      assert.ok(snap.stale, fault.kind);
      assert.match(snap.stale.error, message, fault.kind);
      assert.deepEqual(snap.rows, good.rows, 'the last good rows are kept');
      assert.equal(snap.stale.fetchedAt, good.fetchedAt);
      assert.ok(snap.stale.cause instanceof SentryError, 'the error, for its action');
      assert.equal(staleLensTitle(first, snap), `${first} (stale)`);
      const note = staleMessage(snap.stale, clock);
      assert.ok(note.includes(snap.stale.error), note);
      assert.match(note, /^Sentry data from \d\d:\d\d UTC is stale: the refresh failed/);
      assert.ok(!note.includes(TOKEN.slice(7)), 'no token in the message');
    }
    proxy.always(undefined);
    clock += 1;
    const fresh = await loadSnapshot(cache, 'k', load, true);
    assert.equal(fresh.stale, undefined, 'a good refresh clears the mark');
    assert.equal(fresh.fetchedAt, clock);
    assert.ok(proxy.faultCount >= faults.length);
  });

  it('a failure with no earlier data is an error, not an empty snapshot', async () => {
    const cache = new TtlCache<SentrySnapshot>(60_000, () => clock);
    proxy.always({ kind: 'html', status: 503 });
    await assert.rejects(loadSnapshot(cache, 'k', load, false), (e: unknown) => {
      assert.ok(e instanceof SentryError);
      assert.match(e.message, /HTTP 503/);
      return true;
    });
  });

  it('names the day of data older than today', () => {
    const day = Date.UTC(2026, 10, 25, 9, 5);
    assert.equal(
      staleMessage({ error: 'HTTP 502', fetchedAt: day }, day + 86_400_000),
      'Sentry data from 2026-11-25 09:05 UTC is stale: the refresh failed (HTTP 502)',
    );
  });
});
