// "Show this function" (a CPU lens click) in the real webview bundle in Chromium: the function
// is on screen where the tooltip says it is, the breadcrumb names its callers readably (middle
// elided, full names on hover), and the stack starts at the top of the panel. Checked wide and
// in a 500 px panel, as issue 15 asks.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { openWith, suiteHarness } from './harness';
import { flameOf, profileOf } from './profiles';

/** A Flask-like request stack twelve frames deep; compute_report takes 30% of the samples. */
const CALLERS = [
  'threading.Thread._bootstrap',
  'threading.Thread._bootstrap_inner',
  'socketserver.BaseServer.serve_forever',
  'werkzeug.serving.WSGIRequestHandler.handle',
  'werkzeug.serving.WSGIRequestHandler.run_wsgi',
  'flask.app.Flask.wsgi_app',
  'flask.app.Flask.full_dispatch_request',
  'flask.app.Flask.dispatch_request',
  'app.report',
  'shopapp.reports.build',
];
const TARGET = 'compute_report';
const folded = [
  `${[...CALLERS, `${TARGET}@shopapp/reports.py:14`].join(';')} 30`,
  `${[...CALLERS, 'shopapp.reports.format_report'].join(';')} 20`,
  `${CALLERS.slice(0, 4).join(';')};socket.recv 50`,
].join('\n');

async function revealTarget(p: Page, data: ReturnType<typeof flameOf>): Promise<void> {
  const id = Array.from(data.frameName).indexOf(data.strings.indexOf(TARGET));
  assert.ok(id >= 0);
  await p.evaluate((frameIds) => window.postMessage({ type: 'reveal', frameIds }, '*'), [id]);
  await p.waitForFunction(
    (t) => document.querySelector('.crumb[aria-current]')?.textContent === t,
    TARGET,
  );
}

/** Scans the canvas with pointer moves until the tooltip names `name` (as a person would). */
function whereIs(p: Page, name: string) {
  return p.evaluate((want) => {
    const c = document.querySelector('canvas.flame') as HTMLCanvasElement;
    const tip = document.querySelector('.tooltip') as HTMLElement;
    const r = c.getBoundingClientRect();
    const move = (x: number, y: number) =>
      c.dispatchEvent(new PointerEvent('pointermove', { clientX: x, clientY: y, bubbles: true }));
    let found: { x0: number; x1: number; y: number } | undefined;
    for (let y = r.top + 4; y < r.bottom && !found; y += 6)
      for (let x = r.left + 2; x < r.right; x += 4) {
        move(x, y);
        if (tip.hidden || tip.querySelector('.name')?.textContent !== want) continue;
        found ??= { x0: x - r.left, x1: x - r.left, y: y - r.top };
        found.x1 = x - r.left;
      }
    c.dispatchEvent(new PointerEvent('pointerleave', { bubbles: true }));
    return found && { ...found, width: r.width, height: r.height };
  }, name);
}

describe('reveal a function (the CPU lens click) in Chromium', function () {
  this.timeout(60000);
  const h = suiteHarness();

  for (const size of [
    { width: 1600, height: 900 },
    { width: 500, height: 700 },
  ])
    it(`shows it on screen with readable callers at ${size.width}×${size.height}`, async () => {
      const data = flameOf(profileOf('request.folded', folded));
      const p = await openWith(h(), data, size);
      await revealTarget(p, data);

      const at = await whereIs(p, TARGET);
      assert.ok(at, 'compute_report is not drawn anywhere on the canvas');
      const shown = (at.x1 - at.x0) / at.width;
      assert.ok(shown > 0.25 && shown < 0.6, `it takes ${(shown * 100).toFixed(0)}% of the width`);
      // Icicle from the top: twelve rows of 18 px start under the toolbar, not at the bottom.
      assert.ok(at.y < 12 * 18 + 18, `found at y=${at.y} of ${at.height}`);
      // The callers stay visible: the frame it was called from is drawn too.
      assert.ok(await whereIs(p, 'shopapp.reports.build'), 'its caller is not on screen');

      const crumbs = await p.locator('.crumb').evaluateAll((els) =>
        els.map((e) => ({
          text: e.textContent ?? '',
          title: (e as HTMLElement).title,
          cut: e.scrollWidth > e.clientWidth + 1,
          width: e.getBoundingClientRect().width,
          right: e.getBoundingClientRect().right,
        })),
      );
      const nav = (await p.locator('.breadcrumbs').boundingBox())!;
      assert.equal(crumbs.at(-1)?.text, TARGET);
      assert.equal(crumbs.at(-2)?.text, 'shopapp.reports.build');
      const elided = crumbs.find((c) => c.text.startsWith('…'));
      assert.ok(elided, `no elision in ${crumbs.map((c) => c.text)}`);
      assert.ok(elided.title.includes('flask.app.Flask.wsgi_app'), elided.title);
      assert.ok(crumbs.length <= 6, `${crumbs.length} crumbs`);
      for (const c of crumbs) {
        assert.ok(c.width >= 36, `crumb "${c.text}" is ${c.width.toFixed(0)} px wide`);
        assert.ok(c.right <= nav.x + nav.width + 1, `crumb "${c.text}" is cut off the bar`);
        if (c.cut) assert.equal(c.title, c.text, 'a cut crumb has its full name as the title');
      }
      assert.ok(!crumbs.at(-1)?.cut, 'the current function is never cut');

      // Clicking the elision shows every caller.
      await p.locator('.crumb.elided').click();
      assert.deepEqual((await p.locator('.crumb').allTextContents()).slice(1), [
        ...CALLERS,
        TARGET,
      ]);
      await p.close();
    });

  it('keeps the orientation the user chose', async () => {
    const data = flameOf(profileOf('request.folded', folded));
    const p = await openWith(h(), data, { width: 1000, height: 600 });
    await revealTarget(p, data);
    const icicle = p.locator('vscode-checkbox', { hasText: 'Icicle' });
    assert.equal(await icicle.evaluate((e) => (e as HTMLInputElement).checked), true);
    await icicle.click();
    await p.waitForFunction(
      () => (window as unknown as { __state?: { icicle: boolean } }).__state?.icicle === false,
    );
    await revealTarget(p, data);
    assert.equal(await icicle.evaluate((e) => (e as HTMLInputElement).checked), false);
    await p.close();
  });
});
