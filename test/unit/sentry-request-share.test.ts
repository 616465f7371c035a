// Calls per request and the share of request time, on the demo's real recorded envelopes
// (demo/recorded, sent by sentry-sdk and @sentry/node): the extension's client against the local
// Sentry over real HTTP, checked against the test's own reading of the raw envelopes
// (test/e2e-sdk/envelope-oracle.ts), then the lens rule and texts a user sees on reports.py.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  earnsLens,
  formatShare,
  lensText,
  N_PLUS_ONE_CALLS,
} from '../../src/editor/sentry/lens-text';
import { SentryClient } from '../../src/sentry/client';
import { fetchSpanStats } from '../../src/sentry/span-stats';
import { callsPerRequest, type SpanStat } from '../../src/sentry/spans';
import { PROJECTS } from '../../tools/local-sentry/config';
import { ProfileStore } from '../../tools/local-sentry/profiling/profile-store';
import { seedRecorded } from '../../tools/local-sentry/seed';
import { startLocalSentry, type LocalSentry } from '../../tools/local-sentry/server';
import { SpanStore } from '../../tools/local-sentry/store';
import {
  legacyLocation,
  otelLocation,
  readSpans,
  requestFactsBy,
  rowLocation,
  type OracleSpan,
} from '../e2e-sdk/envelope-oracle';

const RECORDED = join(__dirname, '../../../demo/recorded');
const DEFAULT_RULE = { minP95Ms: 1, minSharePercent: 5 };

const keyOfSpan = (s: OracleSpan) => legacyLocation(s) ?? otelLocation(s);

describe('calls per request and share of request time (demo recordings, real HTTP)', function () {
  this.timeout(60_000);
  let dir: string;
  let srv: LocalSentry;
  let rows: SpanStat[];

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ls-share-'));
    const store = new SpanStore(join(dir, 'data'));
    const profiles = new ProfileStore(join(dir, 'data'));
    store.add(seedRecorded(RECORDED, profiles, Date.now() / 1000).spans, false);
    srv = await startLocalSentry({ store, profiles, tokens: ['t'], port: 0 });
    const client = new SentryClient({ url: srv.url, token: 't' });
    const q = { org: 'acme-shop', projects: [], period: '24h', requestShares: true };
    const result = await fetchSpanStats(client, q);
    assert.deepEqual(result.notes, []);
    rows = result.rows;
  });
  after(async () => {
    await srv.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('equals an independent count over the recorded envelopes', () => {
    const slugs = Object.fromEntries(PROJECTS.map((p) => [p.id, p.slug]));
    const want = requestFactsBy(readSpans(RECORDED, slugs), keyOfSpan);
    const located = rows.filter((r) => r.file !== null);
    assert.ok(located.length >= 5, `only ${located.length} located rows`);
    for (const row of located) {
      const facts = want.get(rowLocation(row));
      assert.ok(facts, `${rowLocation(row)} is not in the envelopes`);
      assert.equal(row.requests, facts.requests, `${rowLocation(row)} requests`);
      assert.equal(row.share?.transaction, facts.transaction, `${rowLocation(row)} transaction`);
      const got = row.share?.fraction ?? NaN;
      assert.ok(
        // Durations are rounded to the microsecond on both sides, in different places.
        Math.abs(got - facts.fraction) < 1e-5,
        `${rowLocation(row)}: ${got} vs ${JSON.stringify(facts)}`,
      );
    }
  });

  it('names the N+1 in load_orders and keeps it while hiding the sub-millisecond noise', () => {
    const reports = rows.filter((r) => r.file === 'shopapp/reports.py');
    const perOrder = reports.filter((r) => (callsPerRequest(r) ?? 0) >= N_PLUS_ONE_CALLS);
    assert.equal(perOrder.length, 1, reports.map(rowLocation).join(', '));
    const nPlusOne = perOrder[0];
    assert.equal(nPlusOne.function, 'load_orders');
    assert.ok(nPlusOne.p95 < DEFAULT_RULE.minP95Ms, `the N+1 query is fast: ${nPlusOne.p95}`);
    assert.ok(earnsLens(nPlusOne, DEFAULT_RULE), 'the N+1 must keep its lens');
    const perRequest = Number(callsPerRequest(nPlusOne)!.toPrecision(2));
    assert.match(lensText(nPlusOne, '24h'), new RegExp(`^⏱ ×${perRequest} per request · p95 `));
    // compute_report's function span (@sentry_sdk.trace: a name row): most of report's time.
    const compute = rows.find((r) => r.function === 'shopapp.reports.compute_report')!;
    assert.ok(compute.share && compute.share.fraction > 0.5, JSON.stringify(compute.share));
    assert.match(lensText(compute, '24h'), / · \d+% of report · /);
    // What the default rule hides: sub-millisecond, a small share, once per request.
    const hidden = rows.filter((r) => !earnsLens(r, DEFAULT_RULE));
    assert.ok(hidden.length > 0, 'the demo has sub-millisecond spans that earn no lens');
    for (const r of hidden) {
      assert.ok(r.p95 < 1, rowLocation(r));
      assert.ok((r.share?.fraction ?? 0) < 0.05, rowLocation(r));
      assert.ok((callsPerRequest(r) ?? 1) < N_PLUS_ONE_CALLS, rowLocation(r));
    }
    // A rule of zero shows everything, as before the setting existed.
    assert.ok(rows.every((r) => earnsLens(r, { minP95Ms: 0, minSharePercent: 0 })));
  });

  it('writes shares as short as their size allows', () => {
    assert.deepEqual([0.41, 0.035, 0.0023, 0, 1].map(formatShare), [
      '41%',
      '3.5%',
      '0.2%',
      '0%',
      '100%',
    ]);
  });
});
