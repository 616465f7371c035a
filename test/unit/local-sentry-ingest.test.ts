// The local Sentry server's ingestion and trace endpoints over real HTTP on 127.0.0.1: DSN key
// sources, unreadable envelopes, the captured trace rebuilt exactly as trace.json, and spans that
// survive a restart of the server on the same data directory.
/* eslint-disable @typescript-eslint/no-explicit-any -- JSON bodies read over HTTP; the assertions are the type checks */
import assert from 'node:assert/strict';
import { startLocalSentry } from '../../tools/local-sentry/server';
import { SpanStore } from '../../tools/local-sentry/store';
import {
  AUTH,
  BACKEND,
  envelope,
  eventsPath,
  fixture,
  FixtureServer,
  NODE,
  TOKEN,
} from './local-sentry-support';

describe('local-sentry ingestion and traces', () => {
  const fx = new FixtureServer();
  const json = fx.json.bind(fx);
  const post = fx.post.bind(fx);
  before(() => fx.start());
  after(() => fx.close());

  it('rejects envelopes with a missing or foreign public key', async () => {
    const body = envelope('node-11.12.0-stream-spans-report.envelope');
    assert.equal((await post(NODE, body, {})).status, 401);
    assert.equal((await post(NODE, body, {}, '?sentry_key=backendpublickey')).status, 401);
    const broken = Buffer.from('{}\n{"type":"transaction"}\n{not json\n');
    assert.equal((await post(NODE, broken, {}, '?sentry_key=nodepublickey')).status, 400);
  });
  it('takes the public key from the envelope header dsn when there is no auth header', async () => {
    const raw = envelope('python-2.68.0-static-transaction-outbound.envelope').toString('utf8');
    const nl = raw.indexOf('\n');
    const header = { ...JSON.parse(raw.slice(0, nl)), event_id: 'f'.repeat(32) };
    const withDsn = (key: string): Buffer =>
      Buffer.from(
        JSON.stringify({ ...header, dsn: `http://${key}@127.0.0.1:1/${BACKEND}` }) + raw.slice(nl),
      );
    assert.equal((await post(BACKEND, withDsn('nodepublickey'), {})).status, 401);
    const ok = await post(BACKEND, withDsn('backendpublickey'), {});
    assert.equal(ok.status, 200);
    assert.deepEqual(await ok.json(), { id: 'f'.repeat(32) });
  });
  it('rebuilds the captured trace exactly as trace.json', async () => {
    const q = ['code.filepath', 'code.function', 'tags[code.lineno,number]'].map(
      (a) => `additional_attributes=${encodeURIComponent(a)}`,
    );
    const trace = await json(
      `/api/0/organizations/acme-shop/trace/7956a76dc3a3402f847877a4e4ec42e5/?statsPeriod=3650d&${q.join('&')}`,
    );
    assert.deepEqual(trace, fixture('trace.json'));
    assert.deepEqual(
      await json('/api/0/organizations/acme-shop/trace/00000000000000000000000000000000/'),
      [],
    );
  });
  it('answers trace-meta and trace-items/attributes like the fixtures', async () => {
    const meta = await json(
      '/api/0/organizations/acme-shop/trace-meta/7956a76dc3a3402f847877a4e4ec42e5/?statsPeriod=3650d',
    );
    assert.deepEqual(meta, fixture('trace-meta.json'));
    const attrs = await json(
      '/api/0/organizations/acme-shop/trace-items/attributes/?dataset=spans&substringMatch=code.&statsPeriod=3650d',
    );
    const byKey = (a: any, b: any): number => a.key.localeCompare(b.key);
    assert.deepEqual(
      attrs.sort(byKey),
      (fixture('trace-items.attributes.code.json') as any[]).sort(byKey),
    );
  });
  it('keeps ingested spans across a restart', async () => {
    const before: any = await json(eventsPath(['count()'], ''));
    const again = await startLocalSentry({
      store: new SpanStore(fx.dir),
      tokens: [TOKEN],
      port: 0,
    });
    try {
      const res = await fetch(again.url + eventsPath(['count()'], ''), { headers: AUTH });
      const after: any = await res.json();
      assert.equal(after.data[0]['count()'], before.data[0]['count()']);
      assert.ok(before.data[0]['count()'] > 10);
    } finally {
      await again.close();
    }
  });
});
