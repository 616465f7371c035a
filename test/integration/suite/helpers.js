// Shared by the integration tests: the extension's API, the fixture workspace, and the CLI
// (`dist/cli.js`), which computes the expected numbers independently of the editor code.
const assert = require('assert');
const { execFileSync, spawn } = require('child_process');
const path = require('path');
const vscode = require('vscode');

const REPO = path.resolve(__dirname, '..', '..', '..');
const EXTENSION_ID = 'hotspot-lens.hotspot-lens';

async function api() {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is installed`);
  return ext.activate();
}

function workspaceUri(...parts) {
  return vscode.Uri.joinPath(vscode.workspace.workspaceFolders[0].uri, ...parts);
}

/** `hotspot-lens summary --json` of a profile: the independent oracle for percentages. */
function cliSummary(file, by) {
  const out = execFileSync(
    process.execPath,
    [path.join(REPO, 'dist', 'cli.js'), 'summary', file, '--json', '--by', by, '--top', '0'],
    { encoding: 'utf8', env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } },
  );
  return JSON.parse(out);
}

function pct(value, total) {
  return `${((value / total) * 100).toFixed(1)}%`;
}

/**
 * How long a new workspace file may take to reach the extension through its file watcher: well
 * over 10 s on a loaded 2-core CI machine (seen twice).
 */
const WATCHER_MS = 40000;

/** Polls `fn` until it returns a truthy value (UI state settles asynchronously). */
async function waitFor(fn, what, timeoutMs = 10000) {
  const end = Date.now() + timeoutMs;
  let last;
  while (Date.now() < end) {
    last = await fn();
    if (last) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail(`timed out waiting for ${what} (last: ${JSON.stringify(last)})`);
}

async function lenses(uri) {
  const list = await vscode.commands.executeCommand('vscode.executeCodeLensProvider', uri, 100);
  return (
    list
      // Only the profile lenses (the Sentry lenses have their own commands).
      .filter((l) => l.command && l.command.command === 'hotspotLens.showFunction')
      .map((l) => ({ line: l.range.start.line + 1, title: l.command.title, command: l.command }))
  );
}

/** 1-based line of the first line of `doc` that starts with `prefix` (after indentation). */
function lineOf(doc, prefix) {
  for (let i = 0; i < doc.lineCount; i++) {
    if (doc.lineAt(i).text.trimStart().startsWith(prefix)) return i + 1;
  }
  assert.fail(`no line starting with ${prefix}`);
}

/**
 * dist/local-sentry.js on a free port, serving the spans.jsonl in `dataDir` to `token`, plus the
 * recorded envelopes of `seed` (a directory such as demo/recorded) when one is given.
 */
function startLocalSentry(dataDir, token, seed) {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        path.join(REPO, 'dist', 'local-sentry.js'),
        '--port',
        '0',
        ...(seed ? ['--seed', seed] : ['--no-seed']),
        '--data',
        dataDir,
        '--token',
        token,
      ],
      { env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = /listening on (http:\/\/[^\s]+)/.exec(out);
      if (m) resolve({ child, url: m[1] });
    });
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`local-sentry exited with ${code}: ${out}`)));
  });
}

/**
 * One line of local-sentry's spans.jsonl: a `function` span of compute_report in
 * shopapp/reports.py at `line`, in the backend project, `seconds` long from epoch second `start`.
 */
function storedSpan({ index, start, seconds, line, segmentName }) {
  const id = (index + 1).toString(16).padStart(16, '0');
  return JSON.stringify({
    projectId: '4509876543210001',
    traceId: id + id,
    spanId: id,
    parentSpanId: null,
    segmentId: id,
    segmentName,
    eventId: id + id,
    isSegment: false,
    op: 'function',
    description: 'compute',
    status: 'ok',
    start,
    end: start + seconds,
    environment: 'production',
    release: 'shopapp@1.1.0',
    sdkName: 'sentry.python',
    attrs: {
      'code.filepath': 'shopapp/reports.py',
      'code.function': 'compute_report',
      'code.lineno': line,
    },
  });
}

module.exports = {
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
  storedSpan,
};
