// `npm run test:electron`: the same in-host mocha suites as `npm run test:integration`
// (test/integration/suite), run by @vscode/test-electron in the desktop (Electron) VS Code. That
// needs VS Code itself: VSCODE_EXECUTABLE=/path/to/code, or a download from
// update.code.visualstudio.com, and a display (DISPLAY, or xvfb-run on PATH). Where either is
// missing it prints `skipped: <reason>` and exits 0 — it never claims that tests passed.
//   VSCODE_VERSION  version to download (default: engines.vscode's minimum, 1.100.x)
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const skip = (reason) => {
  console.log(`electron tests: skipped: ${reason}`);
  process.exit(0);
};

/** Resolves when the VS Code update service answers; rejects with why it cannot be reached. */
function reachUpdateService() {
  return new Promise((resolve, reject) => {
    const req = https.get(
      'https://update.code.visualstudio.com/api/releases/stable',
      { timeout: 8000 },
      (res) => {
        res.resume();
        if (res.statusCode === 200) resolve();
        else reject(new Error(`HTTP ${res.statusCode}`));
      },
    );
    req.on('timeout', () => req.destroy(new Error('no answer within 8 s')));
    req.on('error', reject);
  });
}

const hasCommand = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;

const executable = process.env.VSCODE_EXECUTABLE;
if (!executable) {
  try {
    await reachUpdateService();
  } catch (e) {
    skip(`VS Code cannot be downloaded here (update.code.visualstudio.com: ${e.message})`);
  }
} else if (!fs.existsSync(executable)) {
  skip(`VSCODE_EXECUTABLE=${executable} does not exist`);
}

// The desktop VS Code needs a display; re-run under xvfb-run when there is none.
if (process.platform === 'linux' && !process.env.DISPLAY) {
  if (!hasCommand('xvfb-run'))
    skip('no display: set DISPLAY or install xvfb (apt-get install xvfb)');
  const r = spawnSync('xvfb-run', ['-a', process.execPath, fileURLToPath(import.meta.url)], {
    stdio: 'inherit',
  });
  process.exit(r.status ?? 1);
}

let runTests;
try {
  ({ runTests } = await import('@vscode/test-electron'));
} catch (e) {
  skip(`@vscode/test-electron is not installed (npm ci): ${e.message}`);
}

// The suites edit files and write settings: give them a copy of the fixture workspace.
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'hl-electron-'));
const ws = path.join(work, 'ws');
fs.cpSync(path.join(repo, 'test/fixtures/workspace'), ws, { recursive: true });
execFileSync(process.execPath, [path.join(repo, 'scripts/build.mjs')], { stdio: 'inherit' });
const pkg = JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8'));
const version = process.env.VSCODE_VERSION ?? pkg.engines.vscode.replace(/^[\^~]/, '');
try {
  await runTests({
    ...(executable ? { vscodeExecutablePath: executable } : { version }),
    extensionDevelopmentPath: repo,
    extensionTestsPath: path.join(repo, 'test/integration/suite/index.js'),
    launchArgs: [
      ws,
      '--disable-extensions',
      '--disable-workspace-trust',
      `--user-data-dir=${path.join(work, 'user-data')}`,
    ],
  });
  console.log('electron tests: passed');
} catch (e) {
  console.error(`electron tests: failed: ${e.message ?? e}`);
  process.exitCode = 1;
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
