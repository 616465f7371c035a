/* global describe, it, before, after */
// "Compare Sentry Periods…" in the real editor against the local Sentry server (dist/local-sentry.js)
// holding spans of one function in the last day (five of 100 ms) and the day before (three of
// 300 ms, two lines higher): the span lens shows the p95 and call changes, and loses them again.
const assert = require('assert');
const fs = require('fs');
const os = require('os');
const path = require('path');
const vscode = require('vscode');
const {
  api,
  workspaceUri,
  waitFor,
  WATCHER_MS,
  startLocalSentry,
  storedSpan,
} = require('./helpers');

const TOKEN = 'sntryu_' + '0f1e2d3c4b5a6978'.repeat(4);

function spansJsonl(nowS) {
  const lines = [];
  const add = (start, seconds, line) =>
    lines.push(storedSpan({ index: lines.length, start, seconds, line, segmentName: 'report' }));
  for (let i = 0; i < 5; i++) add(nowS - 3600 - i * 60, 0.1, 3);
  for (let i = 0; i < 3; i++) add(nowS - 86400 - 3600 - i * 60, 0.3, 1);
  return lines.join('\n') + '\n';
}

describe('compare Sentry periods', () => {
  let hl;
  let server;
  let dataDir;
  let doc;
  const settings = () => vscode.workspace.getConfiguration('hotspotLens');
  const titles = async () => (await hl.sentry.lenses(doc)).map((l) => l.title);

  before(async function () {
    this.timeout(60000);
    hl = await api();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hl-local-sentry-'));
    fs.writeFileSync(path.join(dataDir, 'spans.jsonl'), spansJsonl(Math.floor(Date.now() / 1000)));
    server = await startLocalSentry(dataDir, TOKEN);
    // Through the workspace API, so the workspace index hears of the new file.
    const file = workspaceUri('shopapp', 'reports.py');
    const source = 'def compute_report():\n    total = 0\n    return total\n';
    await vscode.workspace.fs.writeFile(file, Buffer.from(source));
    await settings().update('sentry.url', server.url, vscode.ConfigurationTarget.Workspace);
    await settings().update(
      'sentry.organization',
      'acme-shop',
      vscode.ConfigurationTarget.Workspace,
    );
    assert.strictEqual(
      await vscode.commands.executeCommand('hotspotLens.sentry.signIn', TOKEN),
      true,
    );
    doc = await vscode.workspace.openTextDocument(file);
    await vscode.window.showTextDocument(doc);
  });

  after(async () => {
    await vscode.commands.executeCommand('hotspotLens.sentry.comparePeriods', 'stop');
    await vscode.commands.executeCommand('hotspotLens.sentry.signOut');
    await settings().update('sentry.url', undefined, vscode.ConfigurationTarget.Workspace);
    await settings().update('sentry.organization', undefined, vscode.ConfigurationTarget.Workspace);
    server?.child.kill();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('shows the last day against the day before on the span lens', async () => {
    const snap = await hl.sentry.refresh(true);
    assert.ok(
      snap && snap.rows.some((r) => r.function === 'compute_report'),
      hl.sentry.lastError(),
    );
    // The new file reaches the workspace index through its watcher: wait for the plain lens.
    const plain = await waitFor(async () => (await titles())[0], 'the plain span lens', WATCHER_MS);
    assert.ok(!plain.includes('vs previous'), plain);
    const against = await vscode.commands.executeCommand(
      'hotspotLens.sentry.comparePeriods',
      'previous',
    );
    assert.strictEqual(against, 'previous 24h');
    const lens = await waitFor(
      async () => (await titles()).find((t) => t.includes('vs previous 24h')),
      'a span lens with the period change',
    );
    assert.match(lens, /^⏱ p95 100 ms .* · p95 −200 ms \(−67%\) · calls \+67% vs previous 24h$/);
  });

  it('stops comparing', async () => {
    await vscode.commands.executeCommand('hotspotLens.sentry.comparePeriods', 'stop');
    await waitFor(async () => {
      const t = await titles();
      return t.length > 0 && t.every((x) => !x.includes('vs previous'));
    }, 'plain span lenses');
  });
});
