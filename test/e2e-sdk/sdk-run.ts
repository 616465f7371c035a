// One real SDK run shared by every test file in this folder (mocha loads them into one process):
// a fresh local server on a random port with a temp data dir and a record dir, the Python demo
// service twice (transaction mode and span-streaming mode) and the Node one, all with profiling on
// (demo defaults: transaction profiles, continuous chunks, @sentry/profiling-node), driven by
// demo/scripts/traffic.mjs, then stopped so their SDKs flush. The raw envelopes the server
// recorded as received are read back with the test's own parser (envelope-oracle.ts).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSpans, selfTimesUs, type OracleSpan } from './envelope-oracle';
import { DEMO, freePort, startLocalServer, startProc, waitHttp, type Proc } from './harness';

export const TOKEN = 'e2e-token';
export const BACKEND = { id: '4509876543210001', key: 'backendpublickey', slug: 'shop-backend' };
export const NODE = { id: '4509876543210002', key: 'nodepublickey', slug: 'shop-node' };
const ROUNDS = 6;

export interface SdkRun {
  /** Base URL of the local server, still running with everything ingested. */
  base: string;
  spans: OracleSpan[];
  self: Map<OracleSpan, number>;
  /** The directory of raw envelopes as received (spans and profiles), for the oracles. */
  recordDir: string;
}

let run: Promise<SdkRun> | undefined;
let cleanup: (() => Promise<void>) | undefined;

// A root-level hook: runs once after every file in this folder, then mocha can exit.
after(async () => {
  await cleanup?.();
});

export function sdkRun(): Promise<SdkRun> {
  run ??= record();
  return run;
}

async function record(): Promise<SdkRun> {
  const tmp = mkdtempSync(join(tmpdir(), 'sdk-e2e-'));
  const ports = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
  const [sentryPort, pyPort, pyStreamPort, nodePort] = ports;
  const server = await startLocalServer(sentryPort, join(tmp, 'data'), join(tmp, 'rec'), TOKEN);
  cleanup = async () => {
    await server.stop();
    rmSync(tmp, { recursive: true, force: true });
  };
  const dsn = (p: typeof BACKEND): string => `http://${p.key}@127.0.0.1:${sentryPort}/${p.id}`;
  const py = (port: number, extra: Record<string, string>): Proc =>
    startProc('python3', ['app.py'], join(DEMO, 'python-service'), {
      PORT: String(port),
      SENTRY_DSN: dsn(BACKEND),
      SHOP_DB: join(tmp, `shop-${port}.db`),
      ...extra,
    });
  const services = [
    py(pyPort, {}),
    py(pyStreamPort, { SENTRY_TRACE_LIFECYCLE: 'stream' }),
    startProc(process.execPath, ['server.js'], join(DEMO, 'node-service'), {
      PORT: String(nodePort),
      SENTRY_DSN: dsn(NODE),
    }),
  ];
  try {
    const health = [pyPort, pyStreamPort, nodePort].map((p) => `http://127.0.0.1:${p}/health`);
    await Promise.all(health.map((url, i) => waitHttp(url, services[i])));
    const url = (p: number): string => `http://127.0.0.1:${p}`;
    const args = ['--python', url(pyPort), '--python', url(pyStreamPort), '--node', url(nodePort)];
    const traffic = startProc(
      process.execPath,
      [join(DEMO, 'scripts/traffic.mjs'), ...args, '--rounds', String(ROUNDS)],
      DEMO,
      {},
    );
    assert.equal(await traffic.exited, 0, traffic.output());
  } finally {
    // Stopping the services flushes their SDKs; only then is the recording complete.
    await Promise.all(services.map((s) => s.stop()));
  }
  const spans = readSpans(join(tmp, 'rec'), { [BACKEND.id]: BACKEND.slug, [NODE.id]: NODE.slug });
  return {
    base: `http://127.0.0.1:${sentryPort}`,
    spans,
    self: selfTimesUs(spans),
    recordDir: join(tmp, 'rec'),
  };
}
