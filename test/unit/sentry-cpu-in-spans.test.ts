// "CPU in the slowest spans" through the extension's own Sentry client against the real local
// Sentry on 127.0.0.1 seeded with demo/recorded (sentry-sdk transaction profiles and chunks,
// @sentry/profiling-node chunks): the slowest spans of compute_report (Python) and computeReport
// (Node), then Sentry's flamegraph of only the samples inside them (dataSource=spans, id:[…]).
// The samples are checked against the test's own reading of the recorded envelopes: for each
// chosen span, the samples of its transaction's profile (active thread) or of its profiler's
// chunks (its thread) whose time falls inside the span.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { attribute } from '../../src/core/attribution';
import { importProfileFile } from '../../src/core/import/index';
import { SentryClient } from '../../src/sentry/client';
import { fetchFlamegraph } from '../../src/sentry/profiling';
import { fetchSlowestSpans } from '../../src/sentry/samples';
import { fetchSpanStats } from '../../src/sentry/span-stats';
import { ProfileStore } from '../../tools/local-sentry/profiling/profile-store';
import { seedRecorded } from '../../tools/local-sentry/seed';
import { startLocalSentry, type LocalSentry } from '../../tools/local-sentry/server';
import { SpanStore } from '../../tools/local-sentry/store';
import { payloads } from '../e2e-sdk/envelope-oracle';

const RECORDED = join(__dirname, '../../../demo/recorded');
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Every JSON item of one project's recorded envelopes (the oracle's own envelope reader). */
function items(projectId: string): { type: string; json: Json }[] {
  const out: { type: string; json: Json }[] = [];
  for (const file of readdirSync(RECORDED).sort()) {
    const m = /^\d+-(\d+)\.envelope(\.gz)?$/.exec(file);
    if (!m || m[1] !== projectId) continue;
    let buf = readFileSync(join(RECORDED, file));
    if (m[2]) buf = gunzipSync(buf);
    for (const [header, payload] of payloads(buf)) {
      try {
        out.push({ type: String(header.type), json: JSON.parse(payload) });
      } catch {
        // not JSON
      }
    }
  }
  return out;
}

/** Seconds from a number or an RFC 3339 string (transaction events send strings), to the µs. */
function seconds(t: unknown): number {
  if (typeof t === 'number') return t;
  const m = /^(.*T\d\d:\d\d:\d\d)(?:\.(\d+))?Z?$/.exec(String(t));
  if (!m) throw new Error(`bad timestamp ${String(t)}`);
  return Date.parse(`${m[1]}Z`) / 1000 + Number(`0.${(m[2] ?? '0').padEnd(6, '0').slice(0, 6)}`);
}

/** Samples per `file:line` of the leaf frame inside the given spans, each sample once. */
function expectedLeafLines(projectId: string, spanIds: Set<string>): Map<string, number> {
  const all = items(projectId);
  const out = new Map<string, number>();
  const count = (frames: Json[], stack: number[]) => {
    const f = frames[stack[0]];
    const key = `${f.abs_path || f.filename}:${f.lineno}`;
    out.set(key, (out.get(key) ?? 0) + 1);
  };
  const profiles = all.filter((i) => i.type === 'profile').map((i) => i.json);
  for (const tx of all.filter((i) => i.type === 'transaction').map((i) => i.json)) {
    const p = profiles.find((x) => x.transactions[0].id === tx.event_id);
    if (!p) continue;
    const txStartNs = seconds(tx.start_timestamp) * 1e9;
    for (const span of tx.spans as Json[]) {
      if (!spanIds.has(span.span_id)) continue;
      const from = seconds(span.start_timestamp) * 1e9 - txStartNs;
      const to = seconds(span.timestamp) * 1e9 - txStartNs;
      const active = String(p.transactions[0].active_thread_id);
      for (const s of p.profile.samples as Json[]) {
        const t = Number(s.elapsed_since_start_ns);
        if (String(s.thread_id) === active && t >= from && t <= to)
          count(p.profile.frames, p.profile.stacks[s.stack_id]);
      }
    }
  }
  const chunks = all.filter((i) => i.type === 'profile_chunk').map((i) => i.json);
  const spans = all
    .filter((i) => i.type === 'span')
    .flatMap((i) => (i.json.items ?? [i.json]) as Json[]);
  const taken = new Set<string>();
  for (const span of spans) {
    if (!spanIds.has(span.span_id)) continue;
    const segment = spans.find((x) => x.span_id === span.attributes?.['sentry.segment.id']?.value);
    const profiler = (segment ?? span).attributes?.['sentry.profiler_id']?.value;
    const thread = (segment ?? span).attributes?.['thread.id']?.value;
    for (const c of chunks.filter((x) => x.profiler_id === profiler))
      (c.profile.samples as Json[]).forEach((s, i) => {
        if (thread !== undefined && String(s.thread_id) !== String(thread)) return;
        if (s.timestamp < span.start_timestamp || s.timestamp > span.end_timestamp) return;
        if (taken.has(`${c.chunk_id}:${i}`)) return;
        taken.add(`${c.chunk_id}:${i}`);
        count(c.profile.frames, c.profile.stacks[s.stack_id]);
      });
  }
  return out;
}

describe('CPU in the slowest spans (local Sentry, recorded SDK envelopes, real HTTP)', function () {
  this.timeout(60_000);
  let dir: string;
  let srv: LocalSentry;
  after(async () => {
    await srv?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ls-cpu-spans-'));
    const store = new SpanStore(join(dir, 'data'));
    const profiles = new ProfileStore(join(dir, 'data'));
    store.add(seedRecorded(RECORDED, profiles, Date.now() / 1000).spans, false);
    srv = await startLocalSentry({ store, profiles, tokens: ['t'], port: 0 });
  });

  const cases = [
    // sentry-sdk: transaction profiles (static mode) and chunks (span streaming); hot loop line 21.
    {
      sdk: 'sentry-sdk',
      project: 'shop-backend',
      id: '4509876543210001',
      fn: 'shopapp.reports.compute_report',
      hot: /shopapp\/reports\.py:21$/,
    },
    // @sentry/profiling-node: continuous-profiling chunks only.
    {
      sdk: '@sentry/profiling-node',
      project: 'shop-node',
      id: '4509876543210002',
      fn: 'computeReport',
      hot: /reports\.js:\d+$/,
    },
  ];
  for (const c of cases)
    it(`${c.sdk}: only the samples inside ${c.fn}'s slowest spans, its hot loop first`, async () => {
      const client = new SentryClient({ url: srv.url, token: 't' });
      const org = 'acme-shop';
      const scope = { projects: [c.project], period: '24h' };
      const { rows } = await fetchSpanStats(client, { org, ...scope });
      const row = rows.find((r) => r.function === c.fn);
      assert.ok(row, rows.map((r) => r.function).join(', '));
      const slowest = await fetchSlowestSpans(client, org, row, scope, 10);
      assert.ok(slowest.length >= 3, `${slowest.length} example spans`);
      const ids = slowest.map((s) => s.spanId);
      const result = await fetchFlamegraph(client, {
        org,
        ...scope,
        spanIds: ids,
        spansLabel: `${ids.length} slowest spans of ${c.fn}`,
      });
      assert.match(result.source, /slowest spans of/);
      const file = join(dir, `cpu-in-spans-${c.project}.json`);
      writeFileSync(file, JSON.stringify(result.body));
      const profile = await importProfileFile(file);
      // Samples per leaf line, ours against the envelopes' own.
      const want = expectedLeafLines(c.id, new Set(ids));
      const wantTotal = [...want.values()].reduce((a, b) => a + b, 0);
      assert.ok(wantTotal > 0, 'the envelopes have samples inside those spans');
      const samples = profile.valueTypes.findIndex((v) => v.type === 'samples');
      assert.ok(samples >= 0, JSON.stringify(profile.valueTypes));
      assert.equal(profile.totals[samples], wantTotal);
      const attribution = attribute(profile, samples);
      const got = new Map(attribution.byLine.map((l) => [`${l.file}:${l.line}`, l.self]));
      for (const [line, n] of want) assert.equal(got.get(line) ?? 0, n, `samples on ${line}`);
      // The function's own hot loop is where the CPU inside its slowest spans goes.
      const hottest = [...attribution.byLine].sort((a, b) => b.self - a.self)[0];
      assert.match(`${hottest.file}:${hottest.line}`, c.hot);
      assert.ok(hottest.self / wantTotal > 0.5, `${hottest.self} of ${wantTotal}`);
    });
});
