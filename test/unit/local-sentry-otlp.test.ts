import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importProfileFile } from '../../src/core/import/index';
import { startLocalSentry, type LocalSentry } from '../../tools/local-sentry/server';
import { SpanStore } from '../../tools/local-sentry/store';
import { REPO } from './cli-support';

// The local server's OTLP/HTTP profiles receiver, over real HTTP on 127.0.0.1, fed the
// fixtures written by the official generated code (test/fixtures/profiles/otlp).
const OTLP = join(REPO, 'test/fixtures/profiles/otlp');
const PATH = '/v1development/profiles';

describe('local-sentry: OTLP/HTTP profiles receiver', () => {
  let dir = '';
  let srv: LocalSentry;
  const post = (body: Buffer, headers: Record<string, string>) =>
    fetch(srv.url + PATH, { method: 'POST', body: new Uint8Array(body), headers });
  const saved = () => readdirSync(join(dir, 'otlp')).sort();

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'local-sentry-otlp-'));
    srv = await startLocalSentry({
      store: new SpanStore(dir),
      tokens: ['t'],
      port: 0,
      otlpDir: join(dir, 'otlp'),
    });
  });
  after(async () => {
    await srv.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('accepts protobuf, gzip and JSON requests and saves them as importable files', async () => {
    const pb = readFileSync(join(OTLP, 'ebpf-like.pb'));
    const proto = { 'Content-Type': 'application/x-protobuf' };
    const r1 = await post(pb, proto);
    assert.equal(r1.status, 200);
    assert.equal(r1.headers.get('content-type'), 'application/x-protobuf');
    assert.equal((await r1.arrayBuffer()).byteLength, 0, 'empty ExportProfilesServiceResponse');
    const gz = readFileSync(join(OTLP, 'ebpf-like.pb.gz'));
    const r2 = await post(gz, { ...proto, 'Content-Encoding': 'gzip' });
    assert.equal(r2.status, 200);
    const json = readFileSync(join(OTLP, 'ebpf-like.json'));
    const r3 = await post(json, { 'Content-Type': 'application/json; charset=utf-8' });
    assert.equal(r3.status, 200);
    assert.deepEqual(await r3.json(), {});
    assert.deepEqual(saved(), ['00001.otlp.pb', '00002.otlp.pb', '00003.otlp.json']);
    const file = (n: string) => readFileSync(join(dir, 'otlp', n));
    assert.ok(file('00001.otlp.pb').equals(pb));
    assert.ok(file('00002.otlp.pb').equals(pb), 'saved uncompressed');
    assert.ok(file('00003.otlp.json').equals(json));
    const want = await importProfileFile(join(OTLP, 'ebpf-like.pb'));
    for (const n of saved()) {
      const p = await importProfileFile(join(dir, 'otlp', n));
      assert.deepEqual(p.totals, want.totals, n);
    }
  });

  it('answers 400 with a google.rpc.Status, and 415 for other content types', async () => {
    const before = saved().length;
    const bad = await post(Buffer.from('not a profile'), {
      'Content-Type': 'application/x-protobuf',
    });
    assert.equal(bad.status, 400);
    const status = Buffer.from(await bad.arrayBuffer());
    assert.equal(status[0], 0x08, 'Status.code');
    assert.equal(status[1], 3, 'INVALID_ARGUMENT');
    assert.match(status.subarray(4).toString(), /not a field of ExportProfilesServiceRequest/);
    const badJson = await post(Buffer.from('{"resourceProfiles": 1'), {
      'Content-Type': 'application/json',
    });
    assert.equal(badJson.status, 400);
    const body = (await badJson.json()) as { code: number; message: string };
    assert.equal(body.code, 3);
    assert.match(body.message, /not JSON/);
    const gz = await post(Buffer.from([0x1f, 0x8b, 8, 0, 1, 2]), {
      'Content-Type': 'application/x-protobuf',
      'Content-Encoding': 'gzip',
    });
    assert.equal(gz.status, 400);
    const text = await post(Buffer.from('x'), { 'Content-Type': 'text/plain' });
    assert.equal(text.status, 415);
    assert.match(await text.text(), /application\/x-protobuf or application\/json/);
    assert.equal(saved().length, before, 'nothing saved');
  });
});
