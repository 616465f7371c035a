// End to end with profiling on in both real SDKs (sentry-sdk: transaction profiles and continuous
// chunks; @sentry/profiling-node: chunks): the flamegraph endpoint's per-frame sample counts must
// equal the test's own aggregation of the profile items the server recorded as received
// (profile-oracle.ts, no server code), for whole projects and for the samples inside spans.
/* eslint-disable @typescript-eslint/no-explicit-any -- JSON bodies read over HTTP */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { missingDeps, DEMO } from './harness';
import {
  allSamples,
  frameKey,
  readProfileRecording,
  samplesInSpans,
  type FrameCounts,
  type ProfileRecording,
} from './profile-oracle';
import { BACKEND, NODE, sdkRun, TOKEN } from './sdk-run';

describe('SDK end to end: real profiles → local server → flamegraph', function () {
  this.timeout(240_000);
  let base: string;
  let rec: ProfileRecording;

  before(async function () {
    const missing = missingDeps();
    if (missing) {
      console.log(`    skipping the profiling end-to-end test: ${missing}`);
      this.skip();
    }
    const run = await sdkRun();
    base = run.base;
    rec = readProfileRecording(run.recordDir);
  });

  async function flamegraph(params: Record<string, string>): Promise<any> {
    const q = new URLSearchParams({ statsPeriod: '1h', ...params });
    const res = await fetch(`${base}/api/0/organizations/acme-shop/profiling/flamegraph/?${q}`, {
      headers: { Authorization: `Bearer ${TOKEN}` },
    });
    assert.equal(res.status, 200, await res.clone().text());
    return res.json();
  }

  /** The response read back into the oracle's terms: per frame, leaf and on-stack weights. */
  function countsOf(fg: any): FrameCounts {
    const out: FrameCounts = { total: 0, self: new Map(), inclusive: new Map() };
    const frames = fg.shared.frames as any[];
    const key = (i: number): string =>
      frameKey(frames[i].name, frames[i].file ?? '', frames[i].line);
    const prof = fg.profiles[0];
    assert.deepEqual(prof.weights, prof.sample_counts);
    (prof.samples as number[][]).forEach((stack, i) => {
      const w = prof.weights[i] as number;
      out.total += w;
      const leaf = key(stack[stack.length - 1]);
      out.self.set(leaf, (out.self.get(leaf) ?? 0) + w);
      for (const k of new Set(stack.map(key)))
        out.inclusive.set(k, (out.inclusive.get(k) ?? 0) + w);
    });
    assert.equal(prof.endValue, out.total);
    return out;
  }

  const sorted = (m: Map<string, number>): Array<[string, number]> =>
    [...m].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));

  function assertSameCounts(got: FrameCounts, want: FrameCounts): void {
    assert.equal(got.total, want.total, 'total samples');
    assert.deepEqual(sorted(got.self), sorted(want.self));
    assert.deepEqual(sorted(got.inclusive), sorted(want.inclusive));
  }

  it('received transaction profiles and chunks from both SDKs', () => {
    const kinds = new Set(rec.profiles.map((p) => `${p.project}:${p.kind}`));
    assert.ok(kinds.has(`${BACKEND.id}:profile`), [...kinds].join());
    assert.ok(kinds.has(`${BACKEND.id}:chunk`), [...kinds].join());
    assert.ok(kinds.has(`${NODE.id}:chunk`), [...kinds].join());
  });

  for (const project of [BACKEND, NODE]) {
    it(`serves every sample of ${project.slug} with the envelopes' per-frame counts`, async () => {
      const want = allSamples(rec, project.id);
      assert.ok(want.total > 0);
      const fg = await flamegraph({ project: project.id, dataSource: 'profiles' });
      assertSameCounts(countsOf(fg), want);
    });
  }

  it("the span-based flamegraph of compute_report's spans holds its hot loop line", async () => {
    const want = samplesInSpans(
      rec,
      BACKEND.id,
      (s) => s.op === 'function' && s.description === 'shopapp.reports.compute_report',
    );
    assert.ok(want.spans >= 12, `compute_report spans: ${want.spans}`);
    const fg = await flamegraph({
      project: BACKEND.id,
      dataSource: 'spans',
      query: 'span.op:function span.description:shopapp.reports.compute_report',
    });
    const got = countsOf(fg);
    assertSameCounts(got, want);
    // The hot loop's line, found in the source rather than hard-coded.
    const src = readFileSync(join(DEMO, 'python-service/shopapp/reports.py'), 'utf8').split('\n');
    const loop = src.findIndex((l) => l.includes('checksum = (checksum * 31')) + 1;
    const hot = got.self.get(frameKey('compute_report', 'shopapp/reports.py', loop)) ?? 0;
    assert.ok(hot > 0, `no samples on reports.py:${loop}: ${JSON.stringify(sorted(got.self))}`);
    // Inside compute_report's spans, its loop line is where most of the CPU is.
    assert.equal(Math.max(...got.self.values()), hot);
    assert.ok(
      fg.shared.frames.every(
        (f: any) => typeof f.is_application === 'boolean' && f.fingerprint >= 0,
      ),
    );
  });

  it("the span-based flamegraph of the Node computeReport's spans matches the envelopes", async () => {
    const want = samplesInSpans(rec, NODE.id, (s) => s.description === 'computeReport');
    assert.ok(want.spans > 0);
    const fg = await flamegraph({
      project: NODE.id,
      dataSource: 'spans',
      query: 'span.description:computeReport',
    });
    const got = countsOf(fg);
    assertSameCounts(got, want);
    if (got.total > 0)
      assert.ok([...got.inclusive.keys()].some((k) => k.startsWith('computeReport|')));
  });
});
