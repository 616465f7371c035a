// End to end with the real SDKs: the Python demo service (sentry-sdk 2.x, transaction mode and
// span-streaming mode) and the Node one (@sentry/node, streaming) send envelopes to a freshly
// started local server; the REST answers must equal an aggregation this test computes itself
// from the raw envelopes the server recorded as received (envelope-oracle.ts, no server code).
/* eslint-disable @typescript-eslint/no-explicit-any -- JSON bodies read over HTTP */
import assert from 'node:assert/strict';
import { AGGREGATE_FIELDS } from '../../src/sentry/spans';
import { statsBy, type OracleSpan, type Stat } from './envelope-oracle';
import { missingDeps } from './harness';
import { BACKEND, NODE, sdkRun, TOKEN } from './sdk-run';

/** The columns the extension's span queries ask for besides the code location. */
const AGGS = ['project', ...AGGREGATE_FIELDS];

describe('SDK end to end: real envelopes → local server → REST', function () {
  this.timeout(240_000);
  let base: string;
  let spans: OracleSpan[] = [];
  let self: Map<OracleSpan, number>;

  before(async function () {
    const missing = missingDeps();
    if (missing) {
      console.log(`    skipping the SDK end-to-end test: ${missing}`);
      this.skip();
    }
    ({ base, spans, self } = await sdkRun());
  });

  async function rows(
    fields: string[],
    query: string,
    extra: Record<string, string> = {},
    maxPages = 50,
  ): Promise<any[]> {
    const params = new URLSearchParams({
      dataset: 'spans',
      query,
      statsPeriod: '1h',
      per_page: '100',
      ...extra,
    });
    for (const f of fields) params.append('field', f);
    const out: any[] = [];
    let url: string | undefined = `${base}/api/0/organizations/acme-shop/events/?${params}`;
    for (let page = 0; url && page < maxPages; page++) {
      const res: Response = await fetch(url, { headers: { Authorization: `Bearer ${TOKEN}` } });
      assert.equal(res.status, 200, await res.clone().text());
      out.push(...((await res.json()) as any).data);
      const next = /<([^>]+)>; rel="next"; results="true"/.exec(res.headers.get('link') ?? '');
      url = next?.[1];
    }
    return out;
  }

  function assertSame(server: Map<string, any>, oracle: Map<string, Stat>): void {
    assert.deepEqual([...server.keys()].sort(), [...oracle.keys()].sort());
    for (const [key, want] of oracle) {
      const got = server.get(key);
      // Both sides keep microseconds; the server subtracts float seconds, so allow 1 µs per span.
      const close = (a: number, b: number, tol: number, what: string): void =>
        assert.ok(Math.abs(a - b) <= tol, `${key} ${what}: server ${a}, envelopes ${b}`);
      assert.equal(got['count()'], want.count, `${key} count`);
      close(got['p50(span.duration)'], want.p50, 0.0011, 'p50');
      close(got['p95(span.duration)'], want.p95, 0.0011, 'p95');
      close(got['avg(span.duration)'], want.avg, 0.0011, 'avg');
      close(got['sum(span.self_time)'], want.sumSelf, 0.0021 * want.count, 'sum(self_time)');
    }
  }

  const str = (v: unknown): string => (v === undefined || v === null ? '' : String(v));

  it('recorded envelopes from all three services', () => {
    const projects = new Set(spans.map((s) => s.project));
    assert.deepEqual([...projects].sort(), [BACKEND.slug, NODE.slug]);
    assert.ok(
      spans.some((s) => s.data.has('code.filepath')) &&
        spans.some((s) => s.data.has('code.file.path')),
    );
  });

  it('matches per code location with the deprecated names (code.filepath, code.lineno)', async () => {
    const fields = ['code.filepath', 'code.function', 'tags[code.lineno,number]', ...AGGS];
    const got = await rows(fields, 'has:code.filepath', { sort: '-p95(span.duration)' });
    const server = new Map(
      got.map((r) => [
        `${r.project}|${r['code.filepath']}|${r['code.function']}|${r['tags[code.lineno,number]']}`,
        r,
      ]),
    );
    const oracle = statsBy(spans, self, (s) =>
      typeof s.data.get('code.filepath') === 'string' && s.data.get('code.filepath') !== ''
        ? `${s.project}|${s.data.get('code.filepath')}|${str(s.data.get('code.function'))}|${s.data.get('code.lineno') ?? null}`
        : undefined,
    );
    assert.ok([...oracle.keys()].some((k) => k.includes('shopapp/reports.py|load_orders')));
    assert.ok([...oracle.keys()].some((k) => k.includes('reports.js|computeReport')));
    assertSame(server, oracle);
    const p95 = got.map((r) => r['p95(span.duration)']);
    assert.deepEqual(
      p95,
      [...p95].sort((a, b) => b - a),
    );
  });

  it('matches per code location with the OTel names (code.file.path, code.line.number)', async () => {
    const fields = ['code.file.path', 'code.function', 'tags[code.line.number,number]', ...AGGS];
    const got = await rows(fields, 'has:code.file.path');
    const server = new Map(
      got.map((r) => [
        `${r.project}|${r['code.file.path']}|${r['code.function']}|${r['tags[code.line.number,number]']}`,
        r,
      ]),
    );
    const oracle = statsBy(spans, self, (s) =>
      typeof s.data.get('code.file.path') === 'string' && s.data.get('code.file.path') !== ''
        ? `${s.project}|${s.data.get('code.file.path')}|${str(s.data.get('code.function'))}|${s.data.get('code.line.number') ?? null}`
        : undefined,
    );
    assert.ok(oracle.size > 0);
    assertSame(server, oracle);
  });

  it('matches per traced function (span.op:function by span.description)', async () => {
    const got = await rows(['span.description', ...AGGS], 'span.op:function');
    const server = new Map(got.map((r) => [`${r.project}|${r['span.description']}`, r]));
    const oracle = statsBy(spans, self, (s) =>
      s.op === 'function' ? `${s.project}|${s.description}` : undefined,
    );
    assert.ok(oracle.has(`${BACKEND.slug}|shopapp.reports.compute_report`));
    assertSame(server, oracle);
  });

  it('lists the slowest spans of a location first and serves their trace', async () => {
    const target = spans.filter(
      (s) => s.data.get('code.function') === 'computeReport' && s.data.has('code.filepath'),
    );
    assert.ok(target.length > 0);
    const line = target[0].data.get('code.lineno');
    const got = await rows(
      ['id', 'trace', 'span.duration', 'timestamp'],
      `code.filepath:"reports.js" code.function:computeReport tags[code.lineno,number]:${line}`,
      { sort: '-span.duration', per_page: '5', project: NODE.id },
      1,
    );
    const want = target
      .map((s) => (s.endUs - s.startUs) / 1000)
      .sort((a, b) => b - a)
      .slice(0, 5);
    assert.equal(got.length, Math.min(5, target.length));
    got.forEach((r, i) =>
      assert.ok(Math.abs(r['span.duration'] - want[i]) <= 0.0011, `sample ${i}`),
    );
    const traceId = got[0].trace;
    const res = await fetch(
      `${base}/api/0/organizations/acme-shop/trace/${traceId}/?statsPeriod=1h`,
      { headers: { Authorization: `Bearer ${TOKEN}` } },
    );
    const count = (nodes: any[]): number => nodes.reduce((n, x) => n + 1 + count(x.children), 0);
    assert.equal(
      count((await res.json()) as any[]),
      spans.filter((s) => s.trace === traceId).length,
    );
  });
});
