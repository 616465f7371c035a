// Serves the built webview bundle (dist/webview.js + dist/webview.css) from a real HTTP server on
// 127.0.0.1, inside a page with the same CSP as the extension's panel and a stub
// `acquireVsCodeApi` that records what the webview posts and saves. Shared by the browser tests
// and bench/render-bench.
import assert from 'node:assert/strict';
import { readFileSync } from 'fs';
import { createServer, type Server } from 'http';
import type { AddressInfo } from 'net';
import { join } from 'path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { FlameData } from '../../src/protocol';
import chromiumArgs from '../support/chromium-args.json';

const DIST = join(__dirname, '../../../dist');
const NONCE = 'dGVzdC1ub25jZQ';

/** docs/testing-in-vscode.md §3 flags, shared with the code-server runs (test/support). */
export const CHROMIUM_ARGS: string[] = chromiumArgs;

function page(origin: string, options: HarnessOptions): string {
  const csp = `default-src 'none'; script-src 'nonce-${NONCE}'; style-src ${origin}; img-src ${origin}; font-src ${origin}`;
  const meta =
    options.csp === false ? '' : `<meta http-equiv="Content-Security-Policy" content="${csp}">`;
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
${meta}
<link rel="stylesheet" href="/webview.css">
<script nonce="${NONCE}">
  window.__posted = []; window.__state = undefined; window.__violations = [];
  document.addEventListener('securitypolicyviolation', (e) =>
    window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
  // Like VS Code, state outlives a reload of the webview (kept in sessionStorage here).
  window.__state = JSON.parse(sessionStorage.getItem('state') || 'null') || undefined;
  window.acquireVsCodeApi = () => ({
    postMessage: (m) => window.__posted.push(m),
    getState: () => window.__state,
    setState: (s) => { window.__state = s; sessionStorage.setItem('state', JSON.stringify(s)); },
  });
</script>
</head><body class="${options.bodyClass ?? 'vscode-dark'}">
<script nonce="${NONCE}" src="/webview.js"></script>
</body></html>`;
}

export interface Harness {
  readonly url: string;
  readonly browser: Browser;
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** VS Code's theme class on <body>. */
  readonly bodyClass?: string;
  /** false serves the page without its CSP, to prove the UI itself never turns text into HTML. */
  readonly csp?: boolean;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const server: Server = createServer((req, res) => {
    const origin = `http://${req.headers.host}`;
    const send = (type: string, body: string | Buffer) => {
      res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(body);
    };
    if (req.url === '/' || req.url?.startsWith('/?')) send('text/html', page(origin, options));
    else if (req.url === '/webview.js')
      send('text/javascript', readFileSync(join(DIST, 'webview.js')));
    else if (req.url === '/webview.css') send('text/css', readFileSync(join(DIST, 'webview.css')));
    else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
  return {
    url: `http://127.0.0.1:${port}/`,
    browser,
    async close() {
      await browser.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * One harness for the tests of a mocha `describe`: started before them, closed after them.
 * Call it in the describe body; the returned function gives the running harness.
 */
export function suiteHarness(options: HarnessOptions = {}): () => Harness {
  let h: Harness | undefined;
  before(async () => {
    h = await startHarness(options);
  });
  after(async () => {
    await h?.close();
  });
  return () => {
    assert.ok(h, 'the harness did not start');
    return h;
  };
}

/** FlameData with typed arrays turned into plain arrays, so it can cross page.evaluate. */
export type PlainFlame = Record<string, unknown>;

export function toPlain(flame: FlameData): PlainFlame {
  const plain: PlainFlame = {};
  for (const [k, v] of Object.entries(flame)) {
    if (ArrayBuffer.isView(v))
      plain[k] = { typed: v.constructor.name, data: Array.from(v as Int32Array) };
    else if (k === 'nodeSelf')
      plain[k] = (v as Float64Array[]).map((a) => ({ typed: 'Float64Array', data: Array.from(a) }));
    else plain[k] = v;
  }
  return plain;
}

/** Opens the page and posts `init` the way the extension does (window message event). */
export async function openWith(
  h: Harness,
  flame: FlameData,
  size = { width: 1000, height: 600 },
  onFirstPaint?: (ms: number) => void,
): Promise<Page> {
  const p = await h.browser.newPage({ viewport: size });
  await p.goto(h.url);
  await initWhenReady(p, flame, onFirstPaint);
  return p;
}

/** Waits for the webview's `ready`, then posts `init` (again after a reload, as VS Code does). */
export async function initWhenReady(
  p: Page,
  flame: FlameData,
  onFirstPaint?: (ms: number) => void,
): Promise<void> {
  await p.waitForFunction(() =>
    (window as unknown as { __posted: { type: string }[] }).__posted.some(
      (m) => m.type === 'ready',
    ),
  );
  const ms = await postInit(p, toPlain(flame));
  onFirstPaint?.(ms);
}

export async function postInit(p: Page, plain: PlainFlame): Promise<number> {
  return p.evaluate(async (plain) => {
    const ctors: Record<string, new (a: number[]) => unknown> = {
      Int32Array,
      Uint8Array,
      Float64Array,
    };
    const revive = (v: unknown): unknown => {
      if (Array.isArray(v)) return v.map(revive);
      const t = v as { typed?: string; data?: number[] };
      return t && typeof t === 'object' && t.typed ? new ctors[t.typed](t.data!) : v;
    };
    const flame: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(plain)) flame[k] = revive(v);
    // Registered after the webview's own listener, so it runs once `init` has been handled
    // (the handler lays out and draws synchronously): the time to first paint.
    const handled = new Promise<number>((resolve) =>
      window.addEventListener('message', () => resolve(performance.now()), { once: true }),
    );
    const t0 = performance.now();
    // VS Code's webview host hands typed arrays to the page as transferred ArrayBuffers, so
    // the posted data is moved, not copied; do the same here.
    const buffers = Object.values(flame)
      .flat()
      .filter((v): v is ArrayBufferView => ArrayBuffer.isView(v))
      .map((v) => v.buffer as ArrayBuffer);
    window.postMessage({ type: 'init', flame }, '*', buffers);
    const t1 = await handled;
    await new Promise((r) => requestAnimationFrame(() => r(undefined)));
    performance.mark('harness:posted', { startTime: t0 });
    return t1 - t0;
  }, plain);
}

/**
 * Canvas pixel as RGB at CSS-pixel x and `fromBottom` pixels above the canvas's bottom edge
 * (where the outermost frames are in the default flame orientation); DPR applied.
 */
export async function pixel(
  p: Page,
  x: number,
  fromBottom: number,
): Promise<[number, number, number]> {
  return p.evaluate(
    ([x, fromBottom]) => {
      const c = document.querySelector('canvas.flame') as HTMLCanvasElement;
      const dpr = c.width / c.clientWidth;
      const y = c.clientHeight - fromBottom;
      const d = c
        .getContext('2d')!
        .getImageData(Math.round(x * dpr), Math.round(y * dpr), 1, 1).data;
      return [d[0], d[1], d[2]] as [number, number, number];
    },
    [x, fromBottom],
  );
}
