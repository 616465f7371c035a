import assert from 'node:assert/strict';
import { attribute } from '../../src/core/attribution';
import { diffProfiles } from '../../src/core/diff';
import { frameDiff } from '../../src/core/diff/frame-diff';
import type { FlameData } from '../../src/protocol';
import { openWith, pixel, startHarness, suiteHarness } from './harness';
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
