// A local Sentry server on 127.0.0.1 with a temp data dir, fed the real SDK envelopes of
// test/fixtures/sentry/envelopes the way the SDKs send them (Python gzipped with X-Sentry-Auth,
// Node plain with ?sentry_key=), plus small HTTP helpers for the local-sentry test files.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { startLocalSentry, type LocalSentry } from '../../tools/local-sentry/server';
import { SpanStore } from '../../tools/local-sentry/store';

const FIX = join(__dirname, '../../../test/fixtures/sentry');
export const BACKEND = '4509876543210001';
export const NODE = '4509876543210002';
export const TOKEN = 'test-token';
export const AUTH = { Authorization: `Bearer ${TOKEN}` };

export const fixture = (name: string): unknown => JSON.parse(readFileSync(join(FIX, name), 'utf8'));
export const envelope = (name: string): Buffer => readFileSync(join(FIX, 'envelopes', name));

export class FixtureServer {
  dir = '';
  srv: LocalSentry | undefined;

  get url(): string {
    return this.srv?.url ?? '';
  }

  async start(): Promise<void> {
    this.dir = mkdtempSync(join(tmpdir(), 'local-sentry-'));
    this.srv = await startLocalSentry({ store: new SpanStore(this.dir), tokens: [TOKEN], port: 0 });
    const gz = {
      'Content-Encoding': 'gzip',
      'X-Sentry-Auth': 'Sentry sentry_key=backendpublickey, sentry_version=7',
    };
    for (const f of ['report', 'outbound']) {
      const body = gzipSync(envelope(`python-2.68.0-static-transaction-${f}.envelope`));
      assert.equal((await this.post(BACKEND, body, gz)).status, 200);
    }
    const stream = gzipSync(envelope('python-2.68.0-stream-spans-report.envelope'));
    assert.equal((await this.post(BACKEND, stream, gz)).status, 200);
    for (const mode of ['stream-spans', 'static-transaction']) {
      const body = envelope(`node-11.12.0-${mode}-report.envelope`);
      const qs = '?sentry_version=7&sentry_key=nodepublickey';
      assert.equal((await this.post(NODE, body, {}, qs)).status, 200);
    }
  }

  async close(): Promise<void> {
    await this.srv?.close();
    rmSync(this.dir, { recursive: true, force: true });
  }

  get(path: string, headers: Record<string, string> = AUTH): Promise<Response> {
    return fetch(this.url + path, { headers });
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- checked by the assertions
  async json(path: string): Promise<any> {
    return (await this.get(path)).json();
  }

  post(project: string, body: Buffer, headers: Record<string, string>, qs = ''): Promise<Response> {
    const init = { method: 'POST', body: new Uint8Array(body), headers };
    return fetch(`${this.url}/api/${project}/envelope/${qs}`, init);
  }
}

export function eventsPath(fields: string[], query: string, extra = ''): string {
  const f = fields.map((x) => `field=${encodeURIComponent(x)}`).join('&');
  const q = encodeURIComponent(query);
  return `/api/0/organizations/acme-shop/events/?dataset=spans&${f}&query=${q}&statsPeriod=3650d${extra}`;
}
