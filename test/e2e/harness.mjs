/* global document, getComputedStyle */
// The e2e harness: Debian's Chromium through playwright-core against a running code-server, plus
// the little steps every scenario repeats as a person would do them (Quick Open, the command
// palette, waiting for a lens, finding a webview frame). Each scenario gets a screenshot and a
// passed / failed / skipped verdict; skipped always carries its reason. The selectors and waits
// are explained in docs/testing-in-vscode.md §3.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchWorkbenchBrowser } from '../support/chromium.mjs';

export class Skip extends Error {}
export const skip = (reason) => {
  throw new Skip(reason);
};
export const check = (ok, message) => {
  if (!ok) throw new Error(message);
};

const t0 = Date.now();
export const lap = (m) => console.log(`[e2e ${((Date.now() - t0) / 1000).toFixed(1)}s] ${m}`);

export async function launch(theme) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hl-e2e-chromium-'));
  const ctx = await launchWorkbenchBrowser(dir, { colorScheme: theme });
  const page = ctx.pages()[0] || (await ctx.newPage());
  page.on('pageerror', (e) => process.env.VERBOSE && console.log('[pageerror]', e.message));
  const close = async () => {
    await ctx.close().catch(() => {});
    fs.rmSync(dir, { recursive: true, force: true });
  };
  return { ctx, page, close };
}

/** Opens the workspace and waits until the explorer lists it (remote connection + files up). */
export async function openWorkbench(page, base, folder) {
  await page.goto(`${base}/?folder=${encodeURIComponent(folder)}`);
  await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 90000 });
  await page.locator('.monaco-workbench').click({ position: { x: 700, y: 400 } });
}

/** Ctrl+P (files) or F1 (commands): type, wait for the row, Enter. */
export async function quickOpen(page, key, text, row = text) {
  await page.keyboard.press(key);
  await page.waitForSelector('.quick-input-widget input', { state: 'visible' });
  await page.keyboard.type(text);
  await page
    .locator('.quick-input-list .monaco-list-row', { hasText: row })
    .first()
    .waitFor({ timeout: 20000 });
  await page.keyboard.press('Enter');
}

export const runCommand = (page, title) => quickOpen(page, 'F1', title, title);

/** Opens a workspace file by its relative path through Quick Open; waits for its tab. */
export async function openFile(page, rel) {
  const name = path.basename(rel);
  await quickOpen(page, 'Control+P', rel, name);
  await page.waitForSelector(`.tab.active:has-text("${name}")`, { timeout: 20000 });
}

/** Texts of the CodeLenses now rendered in the active editor. */
export async function lensTexts(page) {
  return page.locator('.editor-group-container.active .codelens-decoration a').allInnerTexts();
}

/** Waits until some lens text matches `re`; returns all lens texts. */
export async function waitLens(page, re, timeout = 60000) {
  const end = Date.now() + timeout;
  let texts = [];
  while (Date.now() < end) {
    texts = await lensTexts(page);
    if (texts.some((t) => re.test(t))) return texts;
    await page.waitForTimeout(250);
  }
  throw new Error(`no CodeLens matching ${re} within ${timeout} ms; lenses: ${texts.join(' | ')}`);
}

/** Each rendered line of the active editor with its text and its heat (`::after` content). */
export async function editorLines(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('.editor-group-container.active .view-line')].map((l) => ({
      top: parseFloat(l.style.top),
      text: l.textContent.replace(/\u00a0/g, ' '),
      after: [...l.querySelectorAll('span[class]')]
        .map((s) => getComputedStyle(s, '::after').content)
        .filter((c) => c && c !== 'none' && c !== 'normal')
        .join(' '),
    })),
  );
}

/** The line number the status bar shows ("Ln 21, Col 1"). */
export async function cursorLine(page) {
  const t = await page
    .locator('.statusbar-item[id="status.editor.selection"]')
    .innerText({ timeout: 5000 });
  const m = /Ln (\d+)/.exec(t);
  return m ? Number(m[1]) : undefined;
}

/** Polls every frame of the page until `probe(frame)` returns a truthy value. */
export async function findFrame(page, probe, timeout = 30000) {
  const end = Date.now() + timeout;
  while (Date.now() < end) {
    for (const f of page.frames()) {
      const hit = await probe(f).catch(() => undefined);
      if (hit) return { frame: f, hit };
    }
    await page.waitForTimeout(250);
  }
  return undefined;
}

/** Notification toasts and the notification center text, for error-message scenarios. */
export async function waitNotification(page, re, timeout = 30000) {
  const end = Date.now() + timeout;
  let seen = [];
  while (Date.now() < end) {
    seen = await page.locator('.notification-list-item-message').allInnerTexts();
    const hit = seen.find((t) => re.test(t));
    if (hit) return hit;
    await page.waitForTimeout(250);
  }
  throw new Error(`no notification matching ${re}; seen: ${seen.join(' | ') || '(none)'}`);
}

export async function clearNotifications(page) {
  await runCommand(page, 'Notifications: Clear All Notifications').catch(() => {});
  await page.keyboard.press('Escape');
}

/** Runs scenarios in order, one screenshot each; prints the verdicts and the closing line. */
export async function runScenarios(page, shots, scenarios) {
  const counts = { passed: 0, failed: 0, skipped: 0 };
  let n = 0;
  for (const s of scenarios) {
    if (s.extra) {
      // Not a test (README pictures): reported, never counted.
      await Promise.resolve()
        .then(() => s.run())
        .catch((e) => lap(`${s.id}: ${e.message}`));
      continue;
    }
    const shot = path.join(shots, `${String(++n).padStart(2, '0')}-${s.id}.png`);
    const started = Date.now();
    try {
      await s.run({ shot: (name) => page.screenshot({ path: path.join(shots, name) }) });
      counts.passed++;
      lap(`PASS ${s.id}: ${s.title} (${Date.now() - started} ms)`);
    } catch (e) {
      if (e instanceof Skip) {
        counts.skipped++;
        lap(`SKIP ${s.id}: ${s.title}: skipped: ${e.message}`);
      } else {
        counts.failed++;
        lap(`FAIL ${s.id}: ${s.title}: ${e.stack || e}`);
      }
    }
    await page.screenshot({ path: shot }).catch(() => {});
    await page.keyboard.press('Escape').catch(() => {});
  }
  return counts;
}

/** Every CodeLens of the active editor with the 1-based line it stands above. */
export async function lensesByLine(page) {
  return page.evaluate(() => {
    const group = document.querySelector('.editor-group-container.active');
    if (!group) return [];
    const numbers = [...group.querySelectorAll('.margin-view-overlays .line-numbers')]
      .map((e) => ({ top: e.getBoundingClientRect().top, line: Number(e.textContent) }))
      .filter((n) => n.line > 0)
      .sort((a, b) => a.top - b.top);
    return [...group.querySelectorAll('.codelens-decoration a')].map((a) => {
      const bottom = a.closest('.codelens-decoration').getBoundingClientRect().bottom;
      const below = numbers.find((n) => n.top >= bottom - 2);
      return { text: a.textContent, line: below ? below.line : -1 };
    });
  });
}

/** Retries `fn` until it stops throwing (views settle asynchronously); rethrows the last error. */
export async function eventually(page, fn, timeout = 30000) {
  const end = Date.now() + timeout;
  for (;;) {
    try {
      return await fn();
    } catch (e) {
      if (e instanceof Skip || Date.now() > end) throw e;
      await page.waitForTimeout(500);
    }
  }
}

/** Right-click an explorer row and run a context-menu entry. */
export async function explorerMenu(page, rowText, entry) {
  const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: rowText });
  await row.first().click({ button: 'right' });
  const item = page.locator('.context-view .action-label', { hasText: entry }).first();
  await item.waitFor({ state: 'visible' });
  await page.waitForTimeout(200); // the menu fades in; a click during that is dropped
  await item.hover();
  await page.keyboard.press('Enter');
}
