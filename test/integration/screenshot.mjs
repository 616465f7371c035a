/* global document, getComputedStyle */
// UI check with a screenshot: opens the fixture workspace in code-server with the extension under
// development, opens workload.py, loads the py-spy profile through the command palette and the
// (simple) file dialog, then waits for the CodeLens text and the heat `::after` text in the DOM.
// Usage: node screenshot.mjs <baseUrl> <workspaceFolder> <extDevPath> <outDir>
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const require = createRequire(import.meta.url);
const { chromium } = require(process.env.PLAYWRIGHT_CORE || 'playwright-core');
const [base, folder, extDev, outDir] = process.argv.slice(2);
const host = new URL(base).host;
const payload = [
  ['extensionDevelopmentPath', `vscode-remote://${host}${path.resolve(extDev)}`],
  ['skipWelcome', 'true'],
];
const url =
  `${base}/?folder=${encodeURIComponent(path.resolve(folder))}` +
  `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
const t0 = Date.now();
const lap = (m) => console.log(`[screenshot ${((Date.now() - t0) / 1000).toFixed(1)}s] ${m}`);
fs.mkdirSync(outDir, { recursive: true });

const profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chromium-profile-'));
const ctx = await chromium.launchPersistentContext(profileDir, {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  viewport: { width: 1400, height: 850 },
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run'],
});
let ok = false;
const page = ctx.pages()[0] || (await ctx.newPage());
try {
  await page.goto(url);
  await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 60000 });
  lap('workbench ready');
  const quickOpen = async (key, text, row) => {
    await page.keyboard.press(key);
    await page.waitForSelector('.quick-input-widget input', { state: 'visible' });
    await page.keyboard.type(text);
    await page.waitForSelector(`.quick-input-list .monaco-list-row:has-text("${row}")`, {
      timeout: 20000,
    });
    await page.keyboard.press('Enter');
  };
  await page.locator('.monaco-workbench').click({ position: { x: 700, y: 400 } });
  await quickOpen('Control+P', 'workload.py', 'workload.py');
  await page.waitForSelector('.tab.active:has-text("workload.py")', { timeout: 20000 });
  lap('workload.py open');
  // Explorer context menu on a profile file: "Open in Hotspot Lens" (the speedscope capture).
  await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'profiles' }).click();
  const ssRow = page.locator('.explorer-folders-view .monaco-list-row', {
    hasText: 'default.speedscope.json',
  });
  await ssRow.click({ button: 'right' });
  // VS Code menus act on the focused item; a synthetic click does not always reach it.
  await page.locator('.context-view .action-label', { hasText: 'Open in Hotspot Lens' }).hover();
  await page.keyboard.press('Enter');
  await page
    .locator('.codelens-decoration a', { hasText: 's CPU' })
    .first()
    .waitFor({ timeout: 60000 });
  lap('explorer "Open in Hotspot Lens" loaded the speedscope profile');
  const lens = page.locator('.codelens-decoration a', { hasText: 'samples' });
  // code-server's simple file dialog: a quick input holding a path; type the file and accept.
  // Its completion list sometimes swallows the first Enter (seen once in CI), so a second
  // attempt is made before the step fails; the lens must then appear.
  for (let attempt = 1; attempt <= 2; attempt++) {
    await quickOpen('F1', 'Hotspot Lens: Open Profile', 'Open Profile');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(path.join(path.resolve(folder), 'profiles', 'default.raw.txt'));
    await page.waitForTimeout(500);
    await page.keyboard.press('Enter');
    const shown = await lens
      .first()
      .waitFor({ timeout: 30000 })
      .then(() => true)
      .catch(() => false);
    if (shown) break;
    lap(`Open Profile dialog attempt ${attempt}: no lens yet`);
    await page.screenshot({ path: path.join(outDir, `open-profile-attempt-${attempt}.png`) });
    await page.keyboard.press('Escape');
    if (attempt === 2) throw new Error('Open Profile… did not load default.raw.txt');
  }
  const titles = await lens.allInnerTexts();
  lap(`CodeLens: ${titles.join(' | ')}`);
  const heat = await page.evaluate(() =>
    [...document.querySelectorAll('.view-lines span[class]')]
      .map((e) => getComputedStyle(e, '::after').content)
      .filter((c) => /\d%/.test(c)),
  );
  lap(`heat text: ${heat.join(' ')}`);
  ok = titles.some((t) => /% total · .*% self/.test(t)) && heat.length > 0;
  await page.screenshot({ path: path.join(outDir, 'codelens-heat.png') });
  lap(`saved ${path.join(outDir, 'codelens-heat.png')}`);
  // The hover of the hottest line, then the Hotspots view in the activity bar.
  const hot = page.locator('.view-line', { hasText: 'total += i * i % 13' });
  await hot.hover({ position: { x: 120, y: 8 } });
  await page.waitForSelector('.monaco-hover:has-text("Top callers")', { timeout: 15000 });
  await page.screenshot({ path: path.join(outDir, 'hover.png') });
  lap('hover shown');
  await page.mouse.move(5, 500);
  await page.locator('.activitybar a[aria-label*="Hotspot Lens"]').first().click();
  await page.waitForSelector('.monaco-list-row:has-text("Top functions by self")', {
    timeout: 15000,
  });
  await page.screenshot({ path: path.join(outDir, 'hotspots-view.png') });
  lap('Hotspots view shown');
} catch (e) {
  console.error('[screenshot] FAILED', e.message);
  await page.screenshot({ path: path.join(outDir, 'screenshot-failure.png') }).catch(() => {});
} finally {
  await ctx.close().catch(() => {});
  fs.rmSync(profileDir, { recursive: true, force: true });
}
process.exit(ok ? 0 : 1);
