/* global describe, it, before, after */
// "Load CPU Profile from Sentry…" in the real editor against the local Sentry server
// (dist/local-sentry.js) seeded with the recorded envelopes of demo/recorded (real sentry-sdk
// transaction profiles and chunks): the flamegraph loads into the store like a file, and the CPU
// lens sits on the demo's compute_report with the percentages the CLI computes from the same
// data (`hotspot-lens sentry profile`, and `summary` of the saved file).
const assert = require('assert');
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const vscode = require('vscode');
const {
  REPO,
  api,
  workspaceUri,
  cliSummary,
  pct,
  waitFor,
  WATCHER_MS,
  lenses,
  lineOf,
  startLocalSentry,
} = require('./helpers');

const TOKEN = 'sntryu_' + '7a6b5c4d3e2f1a0b'.repeat(4);

describe('load a CPU profile from Sentry', () => {
  let hl;
  let server;
  let dataDir;
  const settings = () => vscode.workspace.getConfiguration('hotspotLens');
  const target = vscode.ConfigurationTarget.Workspace;

  before(async function () {
    this.timeout(60000);
    hl = await api();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hl-local-sentry-prof-'));
    server = await startLocalSentry(dataDir, TOKEN, path.join(REPO, 'demo', 'recorded'));
    // The demo's real module, so the recorded lines fall inside its functions.
    const source = fs.readFileSync(path.join(REPO, 'demo/python-service/shopapp/reports.py'));
    await vscode.workspace.fs.writeFile(workspaceUri('shopapp', 'reports.py'), source);
    await settings().update('sentry.url', server.url, target);
    await settings().update('sentry.organization', 'acme-shop', target);
    await settings().update('sentry.projects', ['shop-backend'], target);
    assert.strictEqual(
      await vscode.commands.executeCommand('hotspotLens.sentry.signIn', TOKEN),
      true,
    );
  });

  after(async () => {
    hl?.store.clear();
    await vscode.commands.executeCommand('hotspotLens.sentry.signOut');
    for (const key of ['sentry.url', 'sentry.organization', 'sentry.projects'])
      await settings().update(key, undefined, target);
    server?.child.kill();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('loads the flamegraph into the store, with the CLI numbers and the source', async function () {
    this.timeout(60000);
    await vscode.commands.executeCommand('hotspotLens.sentry.loadProfile');
    const loaded = hl.store.current;
    assert.ok(loaded, `a profile is loaded (${hl.store.lastError?.message})`);
    assert.strictEqual(loaded.profile.meta.format, 'sentry');
    assert.strictEqual(
      loaded.profile.meta.attributes.source,
      'Sentry acme-shop/shop-backend · last 24h',
    );
    const cli = JSON.parse(
      execFileSync(
        process.execPath,
        [
          path.join(REPO, 'dist', 'cli.js'),
          'sentry',
          'profile',
          '--url',
          server.url,
          '--org',
          'acme-shop',
          '--project',
          'shop-backend',
          '--json',
        ],
        {
          encoding: 'utf8',
          env: { ...process.env, ELECTRON_RUN_AS_NODE: '1', SENTRY_AUTH_TOKEN: TOKEN },
        },
      ),
    );
    assert.strictEqual(loaded.profile.meta.sampleRecords, cli.samples);
    assert.strictEqual(loaded.attribution.total, cli.values[cli.value].total);
    assert.ok(loaded.profile.frames.some((f) => f.name === 'compute_report' && f.inApp === true));
  });

  it('puts the CPU lens on def compute_report with the percentages of the saved file', async function () {
    this.timeout(90000);
    const file = workspaceUri('shopapp', 'reports.py');
    const doc = await vscode.workspace.openTextDocument(file);
    await vscode.window.showTextDocument(doc);
    const summary = cliSummary(hl.store.current.uri.fsPath, 'function');
    const total = summary.values[summary.value].total;
    const expected = summary.top.find(
      (f) => f.name === 'compute_report' && /shopapp\/reports\.py$/.test(f.file),
    );
    assert.ok(expected, 'the CLI reports compute_report');
    const def = lineOf(doc, 'def compute_report');
    // The rewritten file reaches the workspace index through its watcher.
    const lens = await waitFor(
      async () => (await lenses(file)).find((l) => l.line === def),
      `a CPU lens on line ${def}`,
      WATCHER_MS,
    );
    assert.ok(
      lens.title.startsWith(
        `🔥 ${pct(expected.total, total)} total · ${pct(expected.self, total)} self`,
      ),
      lens.title,
    );
  });
});
