// Debian's Chromium through playwright-core as the UI client of a running code-server, for the
// e2e scenarios (test/e2e) and the integration test runner (test/integration). The flags are
// docs/testing-in-vscode.md §3, kept in chromium-args.json so that test/browser/harness.ts
// launches with the very same list.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { chromium } = require(process.env.PLAYWRIGHT_CORE || 'playwright-core');

/** @type {string[]} */
export const CHROMIUM_ARGS = require('./chromium-args.json');

/** The workbench's window size; `E2E_VIEWPORT=1600x1000` looks at the UI in another one. */
function viewport() {
  const m = /^(\d{3,4})x(\d{3,4})$/.exec(process.env.E2E_VIEWPORT ?? '');
  return m ? { width: Number(m[1]), height: Number(m[2]) } : { width: 1400, height: 850 };
}

/** A headless persistent context in `userDataDir` with the workbench's window size. */
export function launchWorkbenchBrowser(userDataDir, options = {}) {
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    viewport: viewport(),
    args: CHROMIUM_ARGS,
    ...options,
  });
}
