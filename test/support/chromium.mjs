// Debian's Chromium through playwright-core as the UI client of a running code-server, for the
// e2e scenarios (test/e2e) and the integration test runner (test/integration). The flags are
// docs/testing-in-vscode.md §3, kept in chromium-args.json so that test/browser/harness.ts
// launches with the very same list.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { chromium } = require(process.env.PLAYWRIGHT_CORE || 'playwright-core');

/** @type {string[]} */
export const CHROMIUM_ARGS = require('./chromium-args.json');

/** A headless persistent context in `userDataDir` with the workbench's window size. */
export function launchWorkbenchBrowser(userDataDir, options = {}) {
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1400, height: 850 },
    args: CHROMIUM_ARGS,
    ...options,
  });
}
