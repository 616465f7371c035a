import assert from 'node:assert/strict';
import { attribute } from '../../src/core/attribution';
import { diffProfiles } from '../../src/core/diff';
import { frameDiff } from '../../src/core/diff/frame-diff';
import type { FlameData } from '../../src/protocol';
import { baselineFrameDiff } from '../../src/core/diff/frame-diff';
import type { Page } from 'playwright-core';
import {
  openWith,
  pixel,
  startHarness,
  suiteHarness,
  toPlain,
  type Harness,
  type PlainFlame,
} from './harness';
import { flameOf, profileOf } from './profiles';

// The differential flamegraph in Chromium: the new profile's shape, a function that got slower
// in red and one that got faster in blue, and the tooltip with both shares.
const W = 1000;
const H = 600;
const ROOT_Y = 9;

/** alpha grew from 25% to 75% of the samples (slower), beta shrank from 75% to 25% (faster). */
function comparedFlame(): FlameData {
  const base = profileOf('base', 'alpha@app.py:1 1\nbeta@lib.py:9 3');
  const next = profileOf('next', 'alpha@app.py:2 3\nbeta@lib.py:9 1');
  const d = frameDiff(diffProfiles(base, next), attribute(next).functionOfFrame);
  return {
    ...flameOf(next),
    frameDelta: d.delta,
    frameBaseShare: d.baseShare,
    diffBaseline: 'base.raw.txt',
  };
}

const reddish = ([r, g, b]: number[]) => r > g + 40 && r > b + 40;
const bluish = ([r, g, b]: number[]) => b > r + 40 && b > g + 10;

describe('differential flamegraph in Chromium', function () {
  this.timeout(60000);
  const h = suiteHarness();

  for (const theme of ['vscode-dark', 'vscode-light']) {
    it(`colours the slower function red and the faster one blue (${theme})`, async () => {
      const themed = await startHarness({ bodyClass: theme });
      try {
        const p = await openWith(themed, comparedFlame(), { width: W, height: H });
        const alpha = await pixel(p, W * 0.3, ROOT_Y);
        const beta = await pixel(p, W * 0.9, ROOT_Y);
        assert.ok(reddish(alpha), `alpha (slower) should be red, is rgb(${alpha})`);
        assert.ok(bluish(beta), `beta (faster) should be blue, is rgb(${beta})`);
        await p.close();
      } finally {
        await themed.close();
      }
    });
  }

  it('keeps the usual colours without a comparison', async () => {
    const plain = comparedFlame();
    const p = await openWith(h(), { ...plain, frameDelta: undefined, frameBaseShare: undefined });
    const alpha = await pixel(p, W * 0.3, ROOT_Y);
    const p2 = await openWith(h(), plain);
    assert.notDeepEqual(alpha, await pixel(p2, W * 0.3, ROOT_Y));
    await p.close();
    await p2.close();
  });

  it('shows the baseline and the new self share in the tooltip', async () => {
    const p = await openWith(h(), comparedFlame(), { width: W, height: H });
    const box = (await p.locator('canvas.flame').boundingBox())!;
    await p.mouse.move(box.x + W * 0.9, box.y + box.height - ROOT_Y);
    await p.waitForFunction(() => document.querySelector('.tooltip .name')?.textContent === 'beta');
    const text = await p.locator('.tooltip').textContent();
    assert.match(text!, /function self 75\.0% in base\.raw\.txt → 25\.0% now \(−50\.0 pts\)/);
    await p.close();
  });
});

// The toggle to the baseline's shape: the baseline has a function the fix removed (gamma), which
// the new profile's shape cannot show at all.
const BASE_STACKS = 'alpha@app.py:1 1\nbeta@lib.py:9 3\ngamma@old.py:3 4';
const NEW_STACKS = 'alpha@app.py:2 3\nbeta@lib.py:9 1';

/** Both shapes as the extension posts them (src/editor/compare/flame-diff.ts). */
function bothShapes(): { flame: FlameData; baseline: FlameData } {
  const base = profileOf('base', BASE_STACKS);
  const next = profileOf('next', NEW_STACKS);
  const diff = diffProfiles(base, next);
  const d = frameDiff(diff, attribute(next).functionOfFrame);
  const b = baselineFrameDiff(diff, attribute(base).functionOfFrame);
  const diffBaseline = 'base.raw.txt';
  return {
    flame: { ...flameOf(next), frameDelta: d.delta, frameBaseShare: d.baseShare, diffBaseline },
    baseline: { ...flameOf(base), frameDelta: b.delta, frameBaseShare: b.baseShare, diffBaseline },
  };
}

/** Posts `init` with the baseline's shape too, once the webview is ready (like the session). */
async function initCompared(p: Page): Promise<void> {
  const { flame, baseline } = bothShapes();
  await p.waitForFunction(() =>
    (window as unknown as { __posted: { type: string }[] }).__posted.some(
      (m) => m.type === 'ready',
    ),
  );
  await p.evaluate(
    ([flame, baseline]) => {
      const ctors: Record<string, new (a: number[]) => unknown> = {
        Int32Array,
        Uint8Array,
        Float64Array,
      };
      const revive = (plain: PlainFlame) => {
        const one = (v: unknown): unknown => {
          if (Array.isArray(v)) return v.map(one);
          const t = v as { typed?: string; data?: number[] };
          return t && typeof t === 'object' && t.typed ? new ctors[t.typed](t.data!) : v;
        };
        return Object.fromEntries(Object.entries(plain).map(([k, v]) => [k, one(v)]));
      };
      window.postMessage({ type: 'init', flame: revive(flame), baseline: revive(baseline) }, '*');
    },
    [toPlain(flame), toPlain(baseline)],
  );
  await p.waitForFunction(() => document.querySelector('.empty')?.hasAttribute('hidden'));
}

async function openCompared(h: Harness): Promise<Page> {
  const p = await h.browser.newPage({ viewport: { width: W, height: H } });
  await p.goto(h.url);
  await initCompared(p);
  return p;
}

/** The name in the tooltip over the bottom row at `x` (CSS pixels). */
async function nameAt(p: Page, x: number): Promise<string> {
  const box = (await p.locator('canvas.flame').boundingBox())!;
  await p.mouse.move(box.x + 1, box.y + 1);
  await p.mouse.move(box.x + x, box.y + box.height - ROOT_Y);
  await p.waitForFunction(() => !document.querySelector<HTMLElement>('.tooltip')?.hidden);
  return (await p.locator('.tooltip .name').textContent()) ?? '';
}

describe("differential flamegraph: toggle to the baseline's shape", function () {
  this.timeout(60000);
  const h = suiteHarness();

  it('hides the toggle when not comparing', async () => {
    const p = await openWith(h(), comparedFlame(), { width: W, height: H });
    assert.equal(await p.locator('vscode-checkbox.shape').isVisible(), false);
    await p.close();
  });

  it("draws the baseline's frames, a removed function included, coloured by change", async () => {
    const p = await openCompared(h());
    const toggle = p.locator('vscode-checkbox.shape');
    assert.equal(await toggle.isVisible(), true);
    // New shape: alpha 0-75% (slower, red), beta 75-100% (faster, blue); no gamma anywhere.
    assert.equal(await nameAt(p, W * 0.6), 'alpha');
    assert.ok(reddish(await pixel(p, W * 0.6, ROOT_Y)));
    await toggle.click();
    // Baseline shape: alpha 0-12.5%, beta 12.5-50%, gamma 50-100% (removed: −50 pts, blue).
    await p.waitForFunction(() => {
      const s = (window as unknown as { __state?: { baseline?: boolean } }).__state;
      return s?.baseline === true;
    });
    assert.equal(await nameAt(p, W * 0.6), 'gamma');
    const gamma = await pixel(p, W * 0.6, ROOT_Y);
    assert.ok(bluish(gamma), `gamma (removed) should be blue, is rgb(${gamma})`);
    assert.equal(await nameAt(p, W * 0.3), 'beta');
    assert.ok(reddish(await pixel(p, W * 0.05, ROOT_Y)), 'alpha (slower) stays red');
    const text = await p.locator('.tooltip').textContent();
    assert.match(text!, /function self 37\.5% in base\.raw\.txt → 25\.0% now \(−12\.5 pts\)/);
    // Clicking a baseline frame zooms but posts no `select`: its id is not the new profile's.
    const box = (await p.locator('canvas.flame').boundingBox())!;
    await p.mouse.click(box.x + W * 0.6, box.y + box.height - ROOT_Y);
    const posted = await p.evaluate(() =>
      (window as unknown as { __posted: { type: string }[] }).__posted.map((m) => m.type),
    );
    assert.ok(!posted.includes('select'), `posted ${posted.join(', ')}`);
    await p.close();
  });

  it('keeps the chosen shape across a reload (getState) and toggles back', async () => {
    const p = await openCompared(h());
    await p.locator('vscode-checkbox.shape').click();
    await p.waitForFunction(() => {
      const s = (window as unknown as { __state?: { baseline?: boolean } }).__state;
      return s?.baseline === true;
    });
    await p.reload();
    await initCompared(p);
    assert.equal(await nameAt(p, W * 0.6), 'gamma');
    await p.locator('vscode-checkbox.shape').click();
    await p.waitForFunction(() => {
      const s = (window as unknown as { __state?: { baseline?: boolean } }).__state;
      return s?.baseline === false;
    });
    assert.equal(await nameAt(p, W * 0.6), 'alpha');
    await p.close();
  });
});
