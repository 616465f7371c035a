// The same real SDK run as sdk-e2e.test.ts, read through the extension's own Sentry client
// (src/sentry): its merged per-function numbers must equal the test's independent aggregation of
// the raw envelopes. Where a location was sent under both attribute generations the client
// documents that percentiles come from one generation (they cannot be merged), so there p50/p95
// must equal one generation's value while count, mean and self time cover both.
import assert from 'node:assert/strict';
import { SentryClient } from '../../src/sentry/client';
import { fetchSlowestSpans } from '../../src/sentry/samples';
import { fetchSpanStats } from '../../src/sentry/span-stats';
import type { SpanStat } from '../../src/sentry/spans';
import { fetchTrace } from '../../src/sentry/trace';
import {
  legacyLocation,
  otelLocation,
  requestFactsBy,
  rowLocation,
  statsBy,
  type Stat,
} from './envelope-oracle';
import { missingDeps } from './harness';
import { sdkRun, TOKEN, type SdkRun } from './sdk-run';

const ORG = 'acme-shop';
describe('SDK end to end through the Sentry client (src/sentry)', function () {
  this.timeout(240_000);
  let run: SdkRun;
  let client: SentryClient;

  before(async function () {
    const missing = missingDeps();
    if (missing) {
      console.log(`    skipping the SDK end-to-end client test: ${missing}`);
      this.skip();
    }
    run = await sdkRun();
    // regionLookup makes the client resolve links.regionUrl, as it does on sentry.io.
    client = new SentryClient({ url: run.base, token: TOKEN, regionLookup: true });
  });

  it('accepts the token and finds the organization at its region URL', async () => {
    const info = await client.checkToken();
    assert.ok(['org:read', 'project:read', 'event:read'].every((s) => info.scopes.includes(s)));
    const orgs = await client.listOrganizations();
    assert.deepEqual(
      orgs.map((o) => [o.slug, o.regionUrl]),
      [[ORG, run.base]],
    );
  });

  it('reports per code location what the envelopes say, both generations merged', async () => {
    const { rows } = await fetchSpanStats(client, { org: ORG, projects: [], period: '1h' });
    const union = statsBy(run.spans, run.self, (s) => legacyLocation(s) ?? otelLocation(s));
    const byGen = [
      statsBy(run.spans, run.self, legacyLocation),
      statsBy(run.spans, run.self, otelLocation),
    ];
    const locations = rows.filter((r) => r.file !== null);
    assert.deepEqual(locations.map(rowLocation).sort(), [...union.keys()].sort());
    for (const row of locations) {
      const key = rowLocation(row);
      const want = union.get(key) as Stat;
      assert.equal(row.count, want.count, `${key} count`);
      assert.ok(Math.abs(row.avg - want.avg) <= 0.0011, `${key} avg ${row.avg} vs ${want.avg}`);
      assert.ok(Math.abs(row.sumSelfTime - want.sumSelf) <= 0.0021 * want.count, `${key} self`);
      const gens = byGen.map((g) => g.get(key)).filter((g): g is Stat => g !== undefined);
      const near = (a: number, b: number): boolean => Math.abs(a - b) <= 0.0011;
      assert.ok(
        gens.some((g) => near(g.p95, row.p95) && near(g.p50, row.p50)),
        `${key} p50/p95`,
      );
    }
    assert.ok(
      locations.some((r) => r.sources.length === 2),
      'some location came in both names',
    );
  });

  it('counts calls per request and the share of the busiest transaction as the envelopes do', async () => {
    const q = { org: ORG, projects: [], period: '1h', requestShares: true };
    const { rows, notes } = await fetchSpanStats(client, q);
    assert.deepEqual(notes, []);
    const want = requestFactsBy(run.spans, (s) => legacyLocation(s) ?? otelLocation(s));
    const locations = rows.filter((r) => r.file !== null);
    assert.ok(locations.length > 0);
    for (const row of locations) {
      const key = rowLocation(row);
      const facts = want.get(key);
      assert.ok(facts, key);
      assert.equal(row.requests, facts.requests, `${key} requests`);
      assert.equal(row.share?.transaction, facts.transaction, `${key} transaction`);
      const got = row.share?.fraction ?? NaN;
      assert.ok(Math.abs(got - facts.fraction) <= 1e-3, `${key} share ${got} vs ${facts.fraction}`);
    }
    // The demo's N+1: the per-order query repeats inside one request.
    assert.ok(
      locations.some((r) => r.count / (r.requests ?? r.count) >= 5),
      `no location repeats 5+ times per request: ${locations.map((r) => `${rowLocation(r)} ${r.count}/${r.requests}`).join(', ')}`,
    );
  });

  it('reports traced functions by name, leaving out those already shown by location', async () => {
    const { rows } = await fetchSpanStats(client, { org: ORG, projects: [], period: '1h' });
    const names = statsBy(run.spans, run.self, (s) =>
      s.op === 'function' ? `${s.project}|${s.description}` : undefined,
    );
    const named = new Map(
      rows.filter((r) => r.file === null).map((r) => [`${r.project}|${r.function}`, r]),
    );
    for (const [key, want] of names) {
      const row = named.get(key);
      if (!row) {
        // The client drops a name row whose spans also carry code.* (a location twin).
        const [project, fn] = key.split('|');
        const twin = rows.find(
          (r) => r.file !== null && r.project === project && r.function === fn,
        );
        assert.ok(twin && twin.count === want.count, `${key} missing without a location twin`);
        continue;
      }
      assert.equal(row.count, want.count, `${key} count`);
      assert.ok(Math.abs(row.p95 - want.p95) <= 0.0011, `${key} p95 ${row.p95} vs ${want.p95}`);
      assert.ok(Math.abs(row.sumSelfTime - want.sumSelf) <= 0.0021 * want.count, `${key} self`);
    }
    assert.ok(named.has('shop-backend|shopapp.reports.compute_report'));
  });

  it('lists the slowest spans of the slowest location first and fetches their trace', async () => {
    const { rows } = await fetchSpanStats(client, { org: ORG, projects: [], period: '1h' });
    const top = rows.find((r) => r.file !== null) as SpanStat;
    const samples = await fetchSlowestSpans(client, ORG, top, { projects: [], period: '1h' });
    const want = run.spans
      .filter((s) => (legacyLocation(s) ?? otelLocation(s)) === rowLocation(top))
      .map((s) => (s.endUs - s.startUs) / 1000)
      .sort((a, b) => b - a);
    assert.equal(samples.length, Math.min(5, want.length));
    samples.forEach((s, i) => assert.ok(Math.abs(s.duration - want[i]) <= 0.0011, `sample ${i}`));
    const trace = await fetchTrace(client, ORG, samples[0].traceId, '1h');
    assert.equal(trace.length, run.spans.filter((s) => s.trace === samples[0].traceId).length);
  });
});
