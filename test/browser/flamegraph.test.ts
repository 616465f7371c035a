import assert from 'node:assert/strict';
import { join } from 'path';
import type { Page } from 'playwright-core';
import { importProfileFile } from '../../src/core/import/index';
import { initWhenReady, openWith, pixel, suiteHarness } from './harness';
import { flameOf, twoRoots } from './profiles';

const FIXTURES = join(__dirname, '../../../test/fixtures/profiles');
const W = 1000;
const H = 600;
/** Centre of the bottom row (pixels above the canvas bottom): the outermost frames. */
const ROOT_Y = 9;

type Posted = { type: string; frameId?: number };
const posted = (p: Page) =>
  p.evaluate(() => (window as unknown as { __posted: Posted[] }).__posted);
const saved = (p: Page) =>
  p.evaluate(() => (window as unknown as { __state: Record<string, number> }).__state);
const canvasBox = async (p: Page) => (await p.locator('canvas.flame').boundingBox())!;
const same = (a: number[], b: number[]) => a.every((v, i) => Math.abs(v - b[i]) <= 2);

describe('flamegraph webview in Chromium', function () {
  this.timeout(60000);
  const h = suiteHarness();

  it('draws a real profile: the canvas is not blank and uses many colours', async () => {
    const profile = await importProfileFile(join(FIXTURES, 'pyspy-own/threads.raw.txt'));
    const p = await openWith(
      h(),
      flameOf(profile, (f) => f.endsWith('workload.py')),
    );
    const stats = await p.evaluate(() => {
      const c = document.querySelector('canvas.flame') as HTMLCanvasElement;
      const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      const colours = new Set<number>();
      let differing = 0;
      for (let i = 0; i < d.length; i += 4) {
        const rgb = (d[i] << 16) | (d[i + 1] << 8) | d[i + 2];
        colours.add(rgb);
        if (rgb !== ((d[0] << 16) | (d[1] << 8) | d[2])) differing++;
      }
      return { colours: colours.size, differing, pixels: d.length / 4 };
    });
    assert.ok(stats.colours > 10, `only ${stats.colours} colours`);
    assert.ok(stats.differing > stats.pixels * 0.02, `only ${stats.differing} drawn pixels`);
    const violations = await p.evaluate(
      () => (window as unknown as { __violations: string[] }).__violations,
    );
    assert.deepEqual(violations, [], 'no CSP violations');
    await p.close();
  });

  it('search dims non-matching frames and reports the matched share', async () => {
    const p = await openWith(h(), twoRoots(), { width: W, height: H });
    const beforeAlpha = await pixel(p, W * 0.3, ROOT_Y);
    const beforeBeta = await pixel(p, W * 0.9, ROOT_Y);
    assert.ok(!same(beforeAlpha, beforeBeta), 'alpha and beta have different colours');
    await p.locator('vscode-textfield.search input').fill('^alp');
    await p.waitForFunction(() => document.querySelector('.search-info')?.textContent !== '');
    assert.equal(await p.locator('.search-info').textContent(), '1 frame, 75.0% of total');
    await p.waitForTimeout(50);
    assert.ok(same(await pixel(p, W * 0.3, ROOT_Y), beforeAlpha), 'the match keeps its colour');
    assert.ok(!same(await pixel(p, W * 0.9, ROOT_Y), beforeBeta), 'the non-match is dimmed');
    await p.close();
  });

  it('wheel zoom around the pointer narrows the visible range', async () => {
    const p = await openWith(h(), twoRoots(), { width: W, height: H });
    const alpha = await pixel(p, W * 0.3, ROOT_Y);
    assert.ok(!same(await pixel(p, W * 0.95, ROOT_Y), alpha), 'beta is at the right edge');
    const box = await canvasBox(p);
    await p.mouse.move(box.x + W * 0.1, box.y + box.height - ROOT_Y);
    for (let i = 0; i < 5; i++) await p.mouse.wheel(0, -200);
    await p.waitForFunction(() => {
      const s = (window as unknown as { __state?: { x1: number; x0: number } }).__state;
      return s !== undefined && s.x1 - s.x0 < 0.5;
    });
    const s = await saved(p);
    assert.ok(s.x0 < 0.1 && s.x1 > 0.1, 'the point under the pointer stays in view');
    // Beta (right quarter) has scrolled out: alpha now fills the right edge too.
    assert.ok(same(await pixel(p, W * 0.95, ROOT_Y), alpha));
    await p.close();
  });

  it('click zooms into a frame, shows it in the breadcrumbs and posts select', async () => {
    const data = twoRoots();
    const p = await openWith(h(), data, { width: W, height: H });
    const box = await canvasBox(p);
    await p.mouse.click(box.x + W * 0.9, box.y + box.height - ROOT_Y);
    await p.waitForFunction(() => document.querySelectorAll('.crumb').length === 2);
    assert.equal(await p.locator('.crumb').last().textContent(), 'beta');
    const beta = data.strings.indexOf('beta');
    const frameId = Array.from(data.frameName).indexOf(beta);
    assert.deepEqual(
      (await posted(p)).filter((m) => m.type === 'select'),
      [{ type: 'select', frameId }],
    );
    await p.waitForFunction(
      () => (window as unknown as { __state?: { x0: number } }).__state?.x0 === 0.75,
    );
    await p.keyboard.press('Escape');
    await p.waitForFunction(() => document.querySelectorAll('.crumb').length === 1);
    await p.keyboard.down('Control');
    await p.mouse.click(box.x + W * 0.3, box.y + box.height - ROOT_Y);
    await p.keyboard.up('Control');
    const open = (await posted(p)).filter((m) => m.type === 'openSource');
    assert.equal(open.length, 1);
    assert.equal(data.strings[data.frameName[open[0].frameId!]], 'alpha');
    await p.close();
  });

  it('keyboard: arrows move the selection, Esc zooms out, / focuses the search', async () => {
    const data = twoRoots();
    const p = await openWith(h(), data, { width: W, height: H });
    const box = await canvasBox(p);
    const frameNamed = (name: string) =>
      Array.from(data.frameName).indexOf(data.strings.indexOf(name));
    await p.mouse.click(box.x + W * 0.3, box.y + box.height - ROOT_Y);
    await p.waitForFunction(() => document.querySelectorAll('.crumb').length === 2);
    await p.keyboard.press('ArrowUp');
    await p.keyboard.press('ArrowRight');
    const selects = (await posted(p)).filter((m) => m.type === 'select');
    assert.deepEqual(
      selects.map((m) => m.frameId),
      [frameNamed('alpha'), frameNamed('work')],
      'up goes to the callee; there is no sibling to the right',
    );
    await p.keyboard.press('ArrowDown');
    await p.keyboard.press('ArrowRight');
    assert.equal(
      (await posted(p)).filter((m) => m.type === 'select').pop()?.frameId,
      frameNamed('beta'),
    );
    await p.keyboard.press('Escape');
    await p.waitForFunction(() => document.querySelectorAll('.crumb').length === 1);
    await p.keyboard.press('/');
    assert.equal(await p.evaluate(() => document.activeElement?.tagName), 'VSCODE-TEXTFIELD');
    await p.close();
  });

  it('restores zoom and search after the webview reloads', async () => {
    const data = twoRoots();
    const p = await openWith(h(), data, { width: W, height: H });
    const beta = await pixel(p, W * 0.9, ROOT_Y);
    const box = await canvasBox(p);
    await p.mouse.click(box.x + W * 0.9, box.y + box.height - ROOT_Y);
    await p.locator('vscode-textfield.search input').fill('bet');
    await p.waitForTimeout(400); // state is saved once the view settles
    await p.reload();
    await initWhenReady(p, data);
    await p.waitForFunction(() => document.querySelector('.search-info')?.textContent !== '');
    assert.equal(await p.locator('.search-info').textContent(), '1 frame, 25.0% of total');
    assert.ok(same(await pixel(p, W * 0.3, ROOT_Y), beta), 'still zoomed into beta');
    await p.close();
  });
});
