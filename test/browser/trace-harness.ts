// Serves the trace waterfall page exactly as the extension builds it (traceHtml: its CSP, its
// nonce, dist/trace.js and dist/trace.css by URL, the way asWebviewUri hands them over) from a real
// HTTP server on 127.0.0.1, and opens it in Chromium with the webview API stubbed by an init
// script, which Chromium runs before the page and outside its CSP, the way VS Code injects
// acquireVsCodeApi.
import assert from 'node:assert/strict';
import { readFileSync } from 'fs';
import { createServer, type Server } from 'http';
import type { AddressInfo } from 'net';
import { join } from 'path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { traceHtml } from '../../src/editor/sentry/trace-html';
import type { ToTraceView } from '../../src/protocol';
import { CHROMIUM_ARGS } from './harness';

const DIST = join(__dirname, '../../../dist');
export const TRACE_NONCE = 'dHJhY2Utbm9uY2UtdGVzdA';

export interface TraceHarness {
  readonly url: string;
  readonly origin: string;
  readonly browser: Browser;
}

/** Started before the tests of a mocha `describe`, closed after them. */
export function traceSuiteHarness(): () => TraceHarness {
  let server: Server | undefined;
  let h: TraceHarness | undefined;
  before(async () => {
    server = createServer((req, res) => {
      const origin = `http://${req.headers.host}`;
      const send = (type: string, body: string | Buffer) => {
        res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
        res.end(body);
      };
      if (req.url === '/')
        send(
          'text/html',
          traceHtml({
            nonce: TRACE_NONCE,
            cspSource: origin,
            script: `${origin}/trace.js`,
            style: `${origin}/trace.css`,
          }),
        );
      else if (req.url === '/trace.js')
        send('text/javascript', readFileSync(join(DIST, 'trace.js')));
      else if (req.url === '/trace.css') send('text/css', readFileSync(join(DIST, 'trace.css')));
      else {
        res.writeHead(404);
        res.end();
      }
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      headless: true,
      args: CHROMIUM_ARGS,
    });
    h = { url: `${origin}/`, origin, browser };
  });
  after(async () => {
    await h?.browser.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  });
  return () => {
    assert.ok(h, 'the trace harness did not start');
    return h;
  };
}

/** Opens the page, waits for its `ready`, posts `init` and waits for `rows` rows. */
export async function openTrace(
  h: TraceHarness,
  init: ToTraceView,
  options: { width?: number; height?: number; rows?: number } = {},
): Promise<Page> {
  const p = await h.browser.newPage({
    viewport: { width: options.width ?? 1000, height: options.height ?? 400 },
  });
  await p.addInitScript(() => {
    const w = window as unknown as Record<string, unknown> & { __posted: unknown[] };
    w.__posted = [];
    w.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      (w.__violations as string[]).push(`${e.violatedDirective} ${e.blockedURI}`),
    );
    w.acquireVsCodeApi = () => ({ postMessage: (m: unknown) => w.__posted.push(m) });
  });
  await p.goto(h.url);
  await p.waitForFunction(() =>
    (window as unknown as { __posted: { type: string }[] }).__posted.some(
      (m) => m.type === 'ready',
    ),
  );
  await p.evaluate((m) => window.postMessage(m, '*'), init as unknown as Record<string, unknown>);
  await p.waitForFunction(
    (n) => document.querySelectorAll('#root .row').length === n,
    options.rows ?? init.spans.length,
  );
  return p;
}

/** What the page posted to the extension, besides `ready`. */
export function postedBack(p: Page): Promise<{ type: string }[]> {
  return p.evaluate(() =>
    (window as unknown as { __posted: { type: string }[] }).__posted.filter(
      (m) => m.type !== 'ready',
    ),
  );
}
