import assert from 'node:assert/strict';
import { readFileSync } from 'fs';
import { join } from 'path';
import { SentryClient } from '../../src/sentry/client';
import { SentryError } from '../../src/sentry/errors';
import { fetchSlowestSpans } from '../../src/sentry/samples';
import { fetchSpanStats } from '../../src/sentry/span-stats';
import { QUERY_SHAPES } from '../../src/sentry/spans';
import { fetchTrace } from '../../src/sentry/trace';
import { FakeSentry, FIXTURES, fixedTime, LogRecorder } from '../support/fake-sentry';

const TOKEN = 'sntryu_' + '0123456789abcdef'.repeat(4);
const ORG = 'acme-shop';
const fixture = (name: string) => JSON.parse(readFileSync(join(FIXTURES, name), 'utf8'));

describe('Sentry client against a fake Sentry on 127.0.0.1', () => {
  let server: FakeSentry;
  let region: FakeSentry;
  beforeEach(async () => {
    server = await new FakeSentry().start();
    region = await new FakeSentry().start();
  });
  afterEach(async () => {
    await server.stop();
    await region.stop();
  });

  const client = (extra: Partial<ConstructorParameters<typeof SentryClient>[0]> = {}) =>
    new SentryClient({ url: server.url, token: TOKEN, ...fixedTime(1795725701000), ...extra });

  it('checks the token with GET /api/0/ and sends it only as a Bearer header', async () => {
    const info = await client().checkToken();
    assert.deepEqual([...info.scopes].sort(), fixture('api-root.json').auth.scopes.sort());
    const [req] = server.requests;
    assert.equal(req.path, '/api/0/');
    assert.equal(req.headers.authorization, `Bearer ${TOKEN}`);
  });

  it('rejects a token whose scopes lack event:read, naming the missing scope', async () => {
    server.inject({
      body: { version: '0', auth: { scopes: ['org:read', 'project:read'] }, user: null },
    });
    const err = await client()
      .checkToken()
      .catch((e: unknown) => e);
    assert.ok(err instanceof SentryError && err.kind === 'permission');
    assert.match(err.message, /event:read/);
    assert.match(err.message, /User Auth Token/);
  });

  it('rejects an organization auth token before sending anything', () => {
    assert.throws(
      () => new SentryClient({ url: server.url, token: 'sntrys_eyJpYXQiOjF9_secretsecret' }),
      (e: unknown) =>
        e instanceof SentryError &&
        /organization auth token/.test(e.message) &&
        /User Auth Token/.test(e.message) &&
        /org:read, project:read and event:read/.test(e.message),
    );
    assert.equal(server.requests.length, 0);
  });

  it('refuses plain HTTP to a host that is not loopback', () => {
    assert.throws(
      () => new SentryClient({ url: 'http://sentry.example.com', token: TOKEN }),
      /plain HTTP/,
    );
  });

  it('sends every org call to links.regionUrl, resolved once', async () => {
    server.regionUrl = region.url;
    const c = client({ regionLookup: true });
    const q = { org: ORG, projects: ['shop-backend'], environment: 'production', period: '24h' };
    await fetchSpanStats(c, q);
    await fetchSpanStats(c, q);
    assert.deepEqual(
      server.requests.map((r) => r.path),
      ['/api/0/organizations/'],
    );
    const events = region.requestsTo('/events/');
    assert.ok(events.length >= 6, 'two query sets ran on the region');
    assert.equal(region.requestsTo('/projects/').length, 1, 'project slugs resolved once');
    const ids = fixture('projects.list.json').filter(
      (p: { slug: string }) => p.slug === 'shop-backend',
    );
    for (const r of events) assert.deepEqual(r.query.getAll('project'), [ids[0].id]);
  });

  it('asks /users/me/regions/ when the organization is not in the first list', async () => {
    const third = await new FakeSentry().start();
    try {
      server.inject(
        { when: (p) => p === '/api/0/organizations/', body: [] },
        {
          when: (p) => p === '/api/0/users/me/regions/',
          body: { regions: [{ name: 'de', url: region.url }] },
        },
      );
      region.regionUrl = third.url;
      await fetchSpanStats(client({ regionLookup: true }), {
        org: ORG,
        projects: [],
        period: '24h',
      });
      assert.deepEqual(
        region.requests.map((r) => r.path),
        ['/api/0/organizations/'],
      );
      assert.ok(
        third.requestsTo('/events/').length >= 3,
        'span queries went to the regionUrl found there',
      );
    } finally {
      await third.stop();
    }
  });

  it('says which organization is missing when no region knows it', async () => {
    const err = await fetchSpanStats(client({ regionLookup: true }), {
      org: 'nope',
      projects: [],
      period: '24h',
    }).catch((e: unknown) => e);
    assert.ok(
      err instanceof SentryError && err.kind === 'not-found' && /"nope"/.test(err.message),
      String(err),
    );
  });

  it('follows the Link cursor while results="true" and sends field= repeated', async () => {
    const result = await fetchSpanStats(client(), {
      org: ORG,
      projects: ['4509876543210001'],
      period: '24h',
    });
    const legacy = server.requests.filter((r) => r.query.get('query') === 'has:code.filepath');
    assert.deepEqual(
      legacy.map((r) => r.query.get('cursor')),
      [null, '0:3:0'],
    );
    assert.deepEqual(legacy[0].query.getAll('field'), QUERY_SHAPES[0].fields);
    assert.equal(legacy[0].query.has('field[]'), false);
    const page2 = fixture('events.spans.by-code-location.page2.json').data[0];
    const row = result.rows.find((r) => r.function === page2['code.function']);
    assert.ok(row, 'a row from page 2 is present');
    assert.equal(row.lowConfidence, true, 'page 2 marks this row low confidence');
  });

  it('stops at the page cap and says so in the log', async () => {
    const log = new LogRecorder();
    await fetchSpanStats(client({ maxPages: 1, log }), { org: ORG, projects: [], period: '24h' });
    assert.equal(
      server.requests.filter((r) => r.query.get('query') === 'has:code.filepath').length,
      1,
    );
    assert.ok(log.lines.some((l) => /stopped after 1 pages/.test(l)));
  });

  it('merges the old and the OTel attribute names into one row per location', async () => {
    const { rows } = await fetchSpanStats(client(), { org: ORG, projects: [], period: '24h' });
    const old = [
      ...fixture('events.spans.by-code-location.page1.json').data,
      ...fixture('events.spans.by-code-location.page2.json').data,
    ].find((r: Record<string, unknown>) => r['code.function'] === 'compute_report');
    const otel = fixture('events.spans.by-code-location.otel-names.json').data.find(
      (r: Record<string, unknown>) => r['code.function'] === 'compute_report',
    );
    const merged = rows.filter(
      (r) => r.file === 'shopapp/reports.py' && r.function === 'compute_report',
    );
    assert.equal(merged.length, 1);
    assert.equal(merged[0].line, otel['tags[code.line.number,number]']);
    assert.equal(merged[0].count, old['count()'] + otel['count()']);
    const major = old['count()'] > otel['count()'] ? old : otel;
    assert.equal(merged[0].p95, major['p95(span.duration)']);
    assert.deepEqual([...merged[0].sources].sort(), ['code.file.path', 'code.filepath']);
    for (let i = 1; i < rows.length; i++)
      assert.ok(rows[i - 1].p95 >= rows[i].p95, 'sorted by p95');
  });

  it('keeps span.op:function rows by qualified name, without a file', async () => {
    const { rows } = await fetchSpanStats(client(), { org: ORG, projects: [], period: '24h' });
    const named = fixture('events.spans.by-function-name.json').data;
    for (const want of named) {
      const row = rows.find((r) => r.function === want['span.description'] && r.file === null);
      assert.ok(row, want['span.description']);
      assert.equal(row.count, want['count()']);
      assert.equal(row.project, want.project);
    }
  });

  it('passes Sentry\'s "no valid project" tip on as a note', async () => {
    const result = await fetchSpanStats(client(), { org: ORG, projects: ['999'], period: '24h' });
    assert.equal(result.rows.length, 0);
    assert.deepEqual(result.notes, [fixture('events.no-projects.json').meta.tips.query]);
  });

  it('fetches the slowest spans for a merged row from both attribute generations', async () => {
    const c = client();
    const { rows } = await fetchSpanStats(c, { org: ORG, projects: [], period: '24h' });
    const row = rows.find((r) => r.function === 'compute_report' && r.file !== null)!;
    const samples = await fetchSlowestSpans(c, ORG, row, { projects: [], period: '24h' });
    const queries = server.requests
      .filter((r) => r.query.get('sort') === '-span.duration')
      .map((r) => r.query.get('query'));
    assert.deepEqual(queries.sort(), [
      'code.file.path:"shopapp/reports.py" code.function:compute_report tags[code.line.number,number]:9',
      'code.filepath:"shopapp/reports.py" code.function:compute_report tags[code.lineno,number]:9',
    ]);
    const expected = fixture('events.spans.samples.json').data;
    assert.equal(samples.length, expected.length);
    assert.equal(
      samples[0].spanId,
      expected.reduce((a: { 'span.duration': number }, b: { 'span.duration': number }) =>
        a['span.duration'] >= b['span.duration'] ? a : b,
      ).id,
    );
    for (let i = 1; i < samples.length; i++)
      assert.ok(samples[i - 1].duration >= samples[i].duration);
  });

  it('fetches a trace and flattens it with code locations and parent links', async () => {
    const spans = await fetchTrace(client(), ORG, '7956a76dc3a3402f847877a4e4ec42e5', '24h');
    const req = server.requestsTo('/trace/')[0];
    assert.ok(req.query.getAll('additional_attributes').includes('tags[code.lineno,number]'));
    const ids = new Set<string>();
    for (const s of spans) {
      if (s.parentId !== null) assert.ok(ids.has(s.parentId), 'parents come before children');
      ids.add(s.id);
    }
    const db = spans.find((s) => s.id === '989bd66de92c5902')!;
    assert.equal(db.file, 'shopapp/reports.py');
    assert.equal(db.line, 9);
    assert.equal(db.depth, spans.find((s) => s.id === db.parentId)!.depth + 1);
  });

  it('says so when a trace is not found', async () => {
    await assert.rejects(
      fetchTrace(client(), ORG, 'ffffffffffffffffffffffffffffffff', '24h'),
      (e: unknown) =>
        e instanceof SentryError && e.kind === 'not-found' && /period/.test(e.message),
    );
  });
});
