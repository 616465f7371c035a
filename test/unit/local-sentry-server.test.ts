// The local Sentry server's REST answers over real HTTP on 127.0.0.1, after ingesting the real
// SDK envelopes, checked against the fixture response shapes, meta blocks and error bodies.
/* eslint-disable @typescript-eslint/no-explicit-any -- JSON bodies read over HTTP; the assertions are the type checks */
import assert from 'node:assert/strict';
import { AGGREGATE_FIELDS } from '../../src/sentry/spans';
import { BACKEND, eventsPath, fixture, FixtureServer, NODE } from './local-sentry-support';

const CODE_FIELDS = ['code.filepath', 'code.function', 'tags[code.lineno,number]'];
/**
 * The columns the extension's span queries ask for besides the code location, as far as the
 * recorded real Sentry answers (the fixtures) have them: those were recorded before the
 * calls-per-request column, which has its own test below.
 */
const AGGS = ['project', ...AGGREGATE_FIELDS.filter((f) => !f.startsWith('count_unique('))];

describe('local-sentry REST answers', () => {
  const fx = new FixtureServer();
  const get = fx.get.bind(fx);
  const json = fx.json.bind(fx);
  before(() => fx.start());
  after(() => fx.close());

  it('answers the auth errors with the fixture bodies', async () => {
    const none = await get('/api/0/', {});
    assert.equal(none.status, 401);
    assert.deepEqual(await none.json(), fixture('errors/401.not-authenticated.json'));
    const bad = await get('/api/0/', { Authorization: 'Bearer nope' });
    assert.equal(bad.status, 401);
    assert.deepEqual(await bad.json(), fixture('errors/401.invalid-token.json'));
    const org = await get('/api/0/organizations/does-not-exist/projects/');
    assert.equal(org.status, 404);
    assert.deepEqual(await org.json(), fixture('errors/404.not-found.json'));
    const period = await get(eventsPath(['count()'], '').replace('3650d', 'abc'));
    assert.equal(period.status, 400);
    assert.deepEqual(await period.json(), fixture('errors/400.invalid-stats-period.json'));
  });

  it('serves api root, organizations and projects in the fixture shapes', async () => {
    const root = await json('/api/0/');
    assert.deepEqual(Object.keys(root), Object.keys(fixture('api-root.json') as object));
    assert.deepEqual(root.auth.scopes, (fixture('api-root.json') as any).auth.scopes);
    const orgs = await json('/api/0/organizations/');
    assert.deepEqual(
      Object.keys(orgs[0]).sort(),
      Object.keys((fixture('organizations.list.json') as any)[0]).sort(),
    );
    assert.equal(orgs[0].links.regionUrl, fx.url);
    const projects = await json('/api/0/organizations/acme-shop/projects/?per_page=100');
    const want = Object.keys((fixture('projects.list.json') as any)[0]).sort();
    for (const p of projects) assert.deepEqual(Object.keys(p).sort(), want);
    assert.deepEqual(
      projects.map((p: any) => p.id),
      [BACKEND, NODE],
    );
  });

  it('aggregates by code location with the fixture keys, meta and Link header', async () => {
    const res = await get(
      eventsPath([...CODE_FIELDS, ...AGGS], 'has:code.filepath', '&sort=-p95(span.duration)'),
    );
    const body: any = await res.json();
    const fx: any = fixture('events.spans.by-code-location.page1.json');
    assert.deepEqual(Object.keys(body.meta), Object.keys(fx.meta));
    assert.deepEqual(body.meta.fields, fx.meta.fields);
    assert.deepEqual(body.meta.units, fx.meta.units);
    for (const row of body.data) assert.deepEqual(Object.keys(row), Object.keys(fx.data[0]));
    assert.deepEqual(
      Object.keys(body.meta.accuracy.confidence[0]),
      Object.keys(fx.meta.accuracy.confidence[0]),
    );
    const p95 = body.data.map((r: any) => r['p95(span.duration)']);
    assert.deepEqual(
      p95,
      [...p95].sort((a, b) => b - a),
    );
    // The one compute_report db span of the static Python envelope is 120.343 ms in trace.json.
    const compute = body.data.find((r: any) => r['code.function'] === 'compute_report');
    assert.equal(compute['count()'], 1);
    assert.equal(compute['tags[code.lineno,number]'], 9);
    assert.equal(compute['p95(span.duration)'], 120.343);
    assert.match(res.headers.get('link') ?? '', /rel="next"; results="false"; cursor="0:100:0"/);
    assert.equal(res.headers.get('x-sentry-rate-limit-limit'), '50');
  });

  it('counts distinct transactions with count_unique(transaction.span_id)', async () => {
    const fields = [...CODE_FIELDS, 'count()', 'count_unique(transaction.span_id)'];
    const body: any = await json(eventsPath(fields, 'has:code.filepath'));
    assert.equal(body.meta.fields['count_unique(transaction.span_id)'], 'integer');
    // Each fixture envelope is one request: no location runs in more transactions than it has
    // spans, and the ones seen once per request have count == distinct transactions.
    for (const r of body.data) assert.ok(r['count_unique(transaction.span_id)'] <= r['count()']);
    const compute = body.data.find((r: any) => r['code.function'] === 'compute_report');
    assert.equal(compute['count_unique(transaction.span_id)'], 1);
  });

  it('serves the OTel attribute names from streamed spans separately', async () => {
    const fields = ['code.file.path', 'code.function', 'tags[code.line.number,number]', ...AGGS];
    const body: any = await json(eventsPath(fields, 'has:code.file.path'));
    const fx: any = fixture('events.spans.by-code-location.otel-names.json');
    assert.deepEqual(body.meta.fields, fx.meta.fields);
    const files = body.data.map(
      (r: any) => `${r['code.file.path']}:${r['tags[code.line.number,number]']}`,
    );
    assert.deepEqual(files.sort(), ['app.py:41', 'shopapp/reports.py:9']);
  });

  it('groups function spans by span.description', async () => {
    const body: any = await json(eventsPath(['span.description', ...AGGS], 'span.op:function'));
    const fx: any = fixture('events.spans.by-function-name.json');
    assert.deepEqual(body.meta.fields, fx.meta.fields);
    const names = body.data.map((r: any) => r['span.description']).sort();
    assert.deepEqual(names, [
      'computeReport',
      'formatReport',
      'shopapp.reports.compute_report',
      'shopapp.reports.format_report',
    ]);
    const node = body.data.find((r: any) => r['span.description'] === 'computeReport');
    assert.equal(node['count()'], 2, 'one computeReport span from each Node envelope');
  });

  it('lists sample spans with the auto-added columns, slowest first', async () => {
    const fx: any = fixture('events.spans.samples.json');
    const fields = Object.keys(fx.data[0]).filter((k) => k !== 'project.name');
    const q =
      'code.filepath:"shopapp/reports.py" code.function:compute_report tags[code.lineno,number]:9';
    const body: any = await json(eventsPath(fields, q, '&sort=-span.duration&per_page=5'));
    assert.deepEqual(Object.keys(body.data[0]), Object.keys(fx.data[0]));
    assert.deepEqual(body.meta.fields, fx.meta.fields);
    assert.deepEqual(body.meta.accuracy.confidence, [{}]);
    assert.equal(body.data[0].id, '989bd66de92c5902');
    assert.match(body.data[0].timestamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00$/);
  });

  it('pages with 0:N:0 cursors until results="false"', async () => {
    const path = eventsPath(['span.description', 'count()'], '', '&sort=-count()&per_page=2');
    const seen: string[] = [];
    let next: string | undefined = path;
    for (let i = 0; next && i < 20; i++) {
      const res = await get(next);
      const body: any = await res.json();
      seen.push(...body.data.map((r: any) => r['span.description']));
      const m = /<([^>]+)>; rel="next"; results="(true|false)"; cursor="([^"]+)"/.exec(
        res.headers.get('link') ?? '',
      );
      assert.ok(m);
      assert.equal(m[3], `0:${(i + 1) * 2}:0`);
      next = m[2] === 'true' ? new URL(m[1]).pathname + new URL(m[1]).search : undefined;
    }
    const all: any = await json(eventsPath(['span.description', 'count()'], '', '&sort=-count()'));
    assert.deepEqual(
      seen,
      all.data.map((r: any) => r['span.description']),
    );
    assert.ok(seen.length > 2);
  });

  it('answers an unknown project filter with the no-projects body', async () => {
    assert.deepEqual(
      await json(eventsPath(['count()'], '', '&project=999')),
      fixture('events.no-projects.json'),
    );
  });
});
