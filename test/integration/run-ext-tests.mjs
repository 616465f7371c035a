// Runs the integration tests (mocha inside the extension host, real `vscode` API) against a
// running code-server, with Debian's headless Chromium as the UI client. This is the mechanism of
// VS Code's own web integration tests: the workbench URL carries a `payload` with
// extensionDevelopmentPath / extensionTestsPath as vscode-remote:// URIs, and the workbench calls
// window.codeAutomationExit(code) when the test runner finishes (docs/testing-in-vscode.md §4).
// Usage: node run-ext-tests.mjs <baseUrl> <workspaceFolder> <extDevPath> <extTestsPath> [timeoutSec]
// Prints `ext-tests: N passed, N failed` last; exits 1 on any failure, crash or timeout.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import util from 'node:util';
import { launchWorkbenchBrowser } from '../support/chromium.mjs';

const [base, folder, extDev, extTests, timeoutSec = '300'] = process.argv.slice(2);
if (!extTests) {
  console.error('usage: run-ext-tests.mjs baseUrl folder extDevPath extTestsPath [timeoutSec]');
  process.exit(2);
}
const host = new URL(base).host;
const remote = (p) => `vscode-remote://${host}${path.resolve(p)}`;
const payload = [
  ['extensionDevelopmentPath', remote(extDev)],
  ['extensionTestsPath', remote(extTests)],
  ['enableProposedApi', ''],
  ['skipWelcome', 'true'],
];
const url =
  `${base}/?folder=${encodeURIComponent(path.resolve(folder))}` +
  `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
const t0 = Date.now();
const el = () => ((Date.now() - t0) / 1000).toFixed(1) + 's';

const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'chromium-profile-'));
const ctx = await launchWorkbenchBrowser(profile);
let code = 1;
let summary = null;
try {
  const page = ctx.pages()[0] || (await ctx.newPage());
  const done = new Promise((resolve) => {
    // The built workbench forwards the extension host's console (mocha's spec reporter) here.
    void page.exposeFunction('codeAutomationLog', (type, args) => {
      const line = util.format(...(Array.isArray(args) ? args : [args]));
      const m = /EXT-TESTS-SUMMARY (\d+ passed, \d+ failed)/.exec(line);
      if (m) summary = m[1];
      console.log(`[${type}]`, line);
    });
    void page.exposeFunction('codeAutomationExit', (c) => resolve(c));
  });
  page.on('console', (m) => {
    const t = m.text();
    if (/\[Extension Host\]/.test(t) || process.env.VERBOSE) {
      console.log(
        t
          .replace(/%c/g, '')
          .replace(/color: #[0-9a-fA-F]+/g, '')
          .trimEnd(),
      );
    }
  });
  page.on('pageerror', (e) => console.log('[pageerror]', e.message));
  console.log(`[${el()}] open ${url}`);
  await page.goto(url);
  const timer = new Promise((_, reject) =>
    setTimeout(() => reject(new Error(`timeout after ${timeoutSec}s`)), +timeoutSec * 1000),
  );
  code = await Promise.race([done, timer]);
  console.log(`[${el()}] codeAutomationExit(${code})`);
  if (process.env.SHOT) await page.screenshot({ path: process.env.SHOT }).catch(() => {});
} catch (e) {
  console.error(`[${el()}] ERROR`, e.message);
  if (process.env.SHOT)
    await ctx
      .pages()[0]
      ?.screenshot({ path: process.env.SHOT })
      .catch(() => {});
} finally {
  await ctx.close().catch(() => {});
  fs.rmSync(profile, { recursive: true, force: true });
}
if (summary) console.log(`ext-tests: ${summary}`);
else console.log('ext-tests: 0 passed, 1 failed'); // the runner never reported: crash or timeout
process.exit(code === 0 && summary ? 0 : 1);
