import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { ProfileBuilder } from '../../src/core/builder';
import { openWith, suiteHarness } from './harness';
import { flameOf } from './profiles';

// Frame names and files crafted to run script if any of them ever reached an HTML parser.
const IMG = '<img src=x onerror="window.__pwned=1">';
const SCRIPT_FILE = '</script><script>window.__pwned=2</script>.py';
const JS_NAME = 'javascript:window.__pwned=3';
const JS_FILE = 'javascript:alert(1)';
const SVG = '"><svg onload="window.__pwned=4"></svg><b>';

function hostileProfile() {
  const b = new ProfileBuilder({
    format: 'collapsed',
    name: '<i>hostile</i>.folded',
    valueTypes: [{ type: 'samples', unit: 'count' }],
  });
  const img = b.internFrame({ name: IMG, file: SCRIPT_FILE, line: 3, kind: 'python' });
  const js = b.internFrame({ name: JS_NAME, file: JS_FILE, line: 1, kind: 'python' });
  const svg = b.internFrame({ name: SVG, file: SVG, line: 7, kind: 'python' });
  b.addStack([img, js, svg], 3, false, 2);
  b.addStack([img], 1, false, 1);
  return flameOf(b.build(), () => true);
}

async function checkNothingRan(p: Page): Promise<void> {
  const result = await p.evaluate(() => ({
    pwned: (window as unknown as { __pwned?: number }).__pwned,
    injected: document.querySelectorAll('img, svg, b, i, script:not([nonce])').length,
  }));
  assert.equal(result.pwned, undefined, 'no profile string ran as script');
  assert.equal(result.injected, 0, 'no profile string became an element');
}

for (const csp of [true, false]) {
  describe(`hostile frame names in Chromium (${csp ? 'with' : 'without'} the CSP)`, function () {
    this.timeout(60000);
    const h = suiteHarness({ csp });

    it('shows names and files literally in the tooltip and breadcrumbs; nothing runs', async () => {
      const p = await openWith(h(), hostileProfile(), { width: 900, height: 500 });
      const box = (await p.locator('canvas.flame').boundingBox())!;
      const rows: [number, string, string][] = [
        [9, IMG, `${SCRIPT_FILE}:3`],
        [27, JS_NAME, `${JS_FILE}:1`],
        [45, SVG, `${SVG}:7`],
      ];
      for (const [fromBottom, name, location] of rows) {
        await p.mouse.move(box.x + box.width / 3, box.y + box.height - fromBottom);
        await p.waitForFunction(
          (n) => document.querySelector('.tooltip .name')?.textContent === n,
          name,
        );
        assert.equal(await p.locator('.tooltip .location').textContent(), location);
      }
      await p.mouse.click(box.x + box.width / 3, box.y + box.height - 45);
      await p.waitForFunction(() => document.querySelectorAll('.crumb').length === 4);
      assert.deepEqual(await p.locator('.crumb').allTextContents(), [
        '<i>hostile</i>.folded',
        IMG,
        JS_NAME,
        SVG,
      ]);
      await p.locator('vscode-textfield.search input').fill(IMG);
      await p.waitForFunction(() => document.querySelector('.search-info')?.textContent !== '');
      await p.waitForTimeout(100);
      await checkNothingRan(p);
      if (csp) {
        const violations = await p.evaluate(
          () => (window as unknown as { __violations: string[] }).__violations,
        );
        assert.deepEqual(violations, [], 'nothing even tried to run inline script');
      }
      await p.close();
    });

    it('openSource carries only a frame id, never a path', async () => {
      const p = await openWith(h(), hostileProfile(), { width: 900, height: 500 });
      const box = (await p.locator('canvas.flame').boundingBox())!;
      await p.keyboard.down('Control');
      await p.mouse.click(box.x + box.width / 3, box.y + box.height - 9);
      await p.keyboard.up('Control');
      const sent = await p.evaluate(() =>
        (window as unknown as { __posted: { type: string }[] }).__posted.filter(
          (m) => m.type === 'openSource',
        ),
      );
      assert.deepEqual(sent, [{ type: 'openSource', frameId: 0 }]);
      await checkNothingRan(p);
      await p.close();
    });
  });
}
