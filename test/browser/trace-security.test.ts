import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { parseFromTraceView } from '../../src/editor/sentry/trace-messages';
import type { TraceSpan } from '../../src/sentry/trace';
import { TRACE_NONCE, openTrace, postedBack, traceSuiteHarness } from './trace-harness';

// The trace waterfall page exactly as the extension builds it (trace-harness.ts), fed spans
// whose every string is a payload that would run script if it ever reached an HTML parser or a
// URL.

const IMG = '<img src=x onerror="window.__pwned=1">';
const CLOSE_SCRIPT = '</script><script>window.__pwned=2</script>';
const JS_URL = 'javascript:window.__pwned=3';
const SVG = '"><svg onload="window.__pwned=4"></svg><b>x';
const TRACE_ID = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';

function span(over: Partial<TraceSpan> & Pick<TraceSpan, 'id'>): TraceSpan {
  return {
    parentId: null,
    depth: 0,
    op: 'http.server',
    description: 'GET /',
    project: 'shop',
    start: 1000,
    end: 1001,
    duration: 1000,
    isTransaction: false,
    errorCount: 0,
    ...over,
  };
}

const SPANS: TraceSpan[] = [
  span({ id: 'aa01', isTransaction: true, op: IMG, description: CLOSE_SCRIPT, project: SVG }),
  span({
    id: 'aa02',
    parentId: 'aa01',
    depth: 1,
    op: JS_URL,
    description: IMG,
    file: JS_URL,
    line: 3,
    start: 1000.2,
    end: 1000.5,
    duration: 300,
  }),
  span({
    id: 'aa03',
    parentId: 'aa01',
    depth: 1,
    op: SVG,
    description: JS_URL,
    file: `${CLOSE_SCRIPT}${IMG}.py`,
    line: 7,
    errorCount: 1,
    start: 1000.5,
    end: 1000.9,
    duration: 400,
  }),
];

describe('trace waterfall with hostile span strings in Chromium', function () {
  this.timeout(60000);
  const h = traceSuiteHarness();
  const open = (): Promise<Page> =>
    openTrace(h(), { type: 'init', traceId: TRACE_ID, highlight: 'aa02', spans: SPANS });

  it('shows op names, descriptions, projects and file paths as text; nothing runs', async () => {
    const p = await open();
    const rows = await p.$$eval('#root .row', (rs) =>
      rs.map((r) => ({
        op: r.querySelector('.op')?.textContent,
        loc: r.querySelector('.loc')?.textContent ?? null,
        desc: r.querySelector('.label > span:last-child')?.textContent,
        title: r.querySelector('.label')?.getAttribute('title'),
      })),
    );
    assert.deepEqual(rows, [
      { op: IMG, loc: null, desc: CLOSE_SCRIPT, title: `${IMG} ${CLOSE_SCRIPT} (${SVG})` },
      { op: JS_URL, loc: `${JS_URL}:3`, desc: IMG, title: `${JS_URL} ${IMG} (shop)` },
      {
        op: SVG,
        loc: `${CLOSE_SCRIPT}${IMG}.py:7`,
        desc: JS_URL,
        title: `${SVG} ${JS_URL} (shop)`,
      },
    ]);
    // Clicking the hostile location must not navigate or run anything either.
    // Long hostile ops and paths overflow the label column, so the click is dispatched on the
    // link itself: this test is about what the handler does, not about hit-testing.
    await p.locator('.loc').first().dispatchEvent('mouseover');
    await p.locator('.loc').first().dispatchEvent('click');
    await p.waitForTimeout(100);
    const state = await p.evaluate(() => ({
      pwned: (window as unknown as { __pwned?: number }).__pwned,
      injected: document.querySelectorAll('img, svg, b, a, iframe, script:not([nonce])').length,
      href: location.href,
      violations: (window as unknown as { __violations: string[] }).__violations,
      csp: document
        .querySelector('meta[http-equiv="Content-Security-Policy"]')
        ?.getAttribute('content'),
    }));
    assert.equal(state.pwned, undefined, 'no span string ran as script');
    assert.equal(state.injected, 0, 'no span string became an element');
    assert.equal(state.href, h().url, 'the page did not navigate');
    assert.deepEqual(state.violations, [], 'nothing even tried to run inline script');
    assert.equal(
      state.csp,
      `default-src 'none'; script-src 'nonce-${TRACE_NONCE}'; style-src ${h().origin}`,
    );
    await p.close();
  });

  it('a click on a location posts only the span id, which the extension accepts', async () => {
    const p = await open();
    await p.locator('.loc').nth(1).dispatchEvent('click');
    const sent = await postedBack(p);
    assert.deepEqual(sent, [{ type: 'openSpan', id: 'aa03' }]);
    assert.deepEqual(parseFromTraceView(sent[0]), { type: 'openSpan', id: 'aa03' });
    await p.close();
  });

  it('the page script runs only with its nonce: an injected inline script is blocked', async () => {
    const p = await open();
    // A stand-in for any markup that slipped through: the CSP must still refuse to run it.
    await p.evaluate((html) => {
      const d = document.createElement('div');
      d.innerHTML = html;
      document.body.appendChild(d);
    }, IMG);
    await p.waitForFunction(
      () => (window as unknown as { __violations: string[] }).__violations.length > 0,
    );
    assert.equal(
      (await p.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)) ?? 0,
      0,
    );
    await p.close();
  });
});
