import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { chromium, type BrowserContext } from 'playwright-core';
import { importProfileFile } from '../../src/core/import/index';
import { computeLayout, frameRanks, treeOf } from '../../src/core/layout';
import { startCodeServer, type CodeServer } from './code-server';
import { CHROMIUM_ARGS } from './harness';

const REPO = join(__dirname, '../../..');
const PROFILE = 'profiles/default.speedscope.json';

/**
 * The extension in a real VS Code (code-server, docs/testing-in-vscode.md §3-4): a broken profile shows the
 * importer's reason as text; a good one opened from the explorer shows the custom editor's
 * flamegraph (the webview reached `ready` and got `init`); Ctrl+Enter on the selected frame
 * opens its file beside it at the frame's line; "Show Flamegraph" opens the panel.
 */
describe('flamegraph in code-server', function () {
  this.timeout(120000);
  let server: CodeServer | undefined;
  let ctx: BrowserContext | undefined;
  let profileDir = '';
  before(async function () {
    server = await startCodeServer();
    if (!server) {
      console.log('    (skipped: code-server is not installed; run scripts/setup-vscode.sh)');
      this.skip();
    }
    profileDir = mkdtempSync(join(tmpdir(), 'chromium-'));
    ctx = await chromium.launchPersistentContext(profileDir, {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      headless: true,
      viewport: { width: 1400, height: 850 },
      args: CHROMIUM_ARGS,
    });
  });
  after(async () => {
    await ctx?.close();
    await server?.stop();
    if (profileDir) rmSync(profileDir, { recursive: true, force: true });
  });

  it('opens a profile as a flamegraph and Ctrl+Enter opens the frame at its line', async () => {
    const { base, workspace } = server!;
    const host = new URL(base).host;
    const payload = [
      ['extensionDevelopmentPath', `vscode-remote://${host}${REPO}`],
      ['skipWelcome', 'true'],
    ];
    const page = ctx!.pages()[0] ?? (await ctx!.newPage());
    await page.goto(
      `${base}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`,
    );
    const rows = page.locator('.explorer-folders-view .monaco-list-row');
    await rows.filter({ hasText: 'profiles' }).first().click({ timeout: 60000 });
    const webview = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    const canvas = webview.locator('canvas.flame');
    const command = async (name: string) => {
      await page.keyboard.press('F1');
      await page.keyboard.type(name);
      await page.keyboard.press('Enter');
    };
    const openProfile = async (name: string) => {
      await rows.filter({ hasText: name }).first().click();
      const shown = await canvas.waitFor({ timeout: 10000 }).then(
        () => true,
        () => false,
      );
      if (shown) return;
      // Clicked before the development extension's contributions were registered: the file
      // opened as text. "Reopen Editor With…" offers our editor once they are.
      await command('Reopen Editor With');
      await page
        .locator('.quick-input-list .monaco-list-row', { hasText: 'Hotspot Lens Flamegraph' })
        .first()
        .click();
      await canvas.waitFor({ timeout: 60000 });
    };

    // A broken capture shows the importer's reason in the editor, as text.
    await openProfile('corrupt.speedscope.json');
    await webview.locator('.empty', { hasText: 'Cannot read' }).waitFor({ timeout: 30000 });
    await command('View: Close All Editors');
    await page.waitForFunction(() => document.querySelectorAll('iframe.webview').length === 0);

    await openProfile('default.speedscope.json');
    await webview.locator('.crumb', { hasText: 'default.speedscope.json' }).waitFor();

    // With nothing selected, an arrow key selects the first rect: the leftmost outermost frame.
    const profile = await importProfileFile(join(workspace, PROFILE));
    const rank = frameRanks(profile.frames.map((f) => f.name));
    const layout = computeLayout(treeOf(profile), { view: 'flame', rank });
    const frame = profile.frames[layout.frame[0]];
    assert.ok(frame.file && frame.line, 'the first frame has a source line');
    await canvas.focus();
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Control+Enter');
    const file = frame.file.split('/').pop()!;
    await page.locator('.tab.active', { hasText: file }).waitFor({ timeout: 30000 });
    await page.getByText(`Ln ${frame.line}, Col 1`).waitFor({ timeout: 10000 });

    // The profile is now loaded: "Show Flamegraph" opens the panel beside the code.
    await command('Hotspot Lens: Show Flamegraph');
    await page.locator('.tab', { hasText: /^Flamegraph: / }).waitFor({ timeout: 30000 });
    await page.waitForFunction(
      () => document.querySelectorAll('iframe.webview.ready').length === 2,
      undefined,
      { timeout: 30000 },
    );
  });
});
