/* global describe, it, before */
// What happens around the happy path: a broken file, a second format, a path that needs a
// mapping (the workspace holds two files with the profile's base name), and clearing.
const assert = require('assert');
const vscode = require('vscode');
const {
  api,
  workspaceUri,
  cliSummary,
  pct,
  waitFor,
  WATCHER_MS,
  lenses,
  lineOf,
} = require('./helpers');

describe('errors, other formats and path mapping', () => {
  let hl;
  const workload = () => workspaceUri('workload.py');

  before(async () => {
    hl = await api();
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(workload()));
  });

  it('keeps the loaded profile and names the cause when a profile is corrupt', async () => {
    const good = await hl.store.load(workspaceUri('profiles', 'default.raw.txt'));
    assert.ok(good);
    const bad = workspaceUri('profiles', 'corrupt.speedscope.json');
    assert.strictEqual(await hl.store.load(bad), undefined);
    assert.strictEqual(hl.store.current, good, 'the previous profile stays loaded');
    const err = hl.store.lastError;
    assert.ok(err, 'lastError is set');
    assert.strictEqual(err.uri.toString(), bad.toString());
    assert.match(err.message, /speedscope/);
    assert.match(err.message, /invalid JSON|byte \d+/);
  });

  it('reads the speedscope capture, whose paths are from the build machine', async () => {
    const file = workspaceUri('profiles', 'default.speedscope.json');
    const loaded = await vscode.commands.executeCommand('hotspotLens.openProfile', file);
    assert.ok(loaded);
    assert.strictEqual(hl.store.lastError, undefined, 'a good load clears lastError');
    const summary = cliSummary(file.fsPath, 'function');
    const total = summary.values[summary.value].total;
    const f = summary.top.find((x) => x.name === 'pure_python_loop');
    assert.match(f.file, /^\/srv\/build\//);
    assert.strictEqual(loaded.resolution(f.file).kind, 'mapped');
    const doc = await vscode.workspace.openTextDocument(workload());
    const lens = (await lenses(workload())).find(
      (l) => l.line === lineOf(doc, 'def pure_python_loop'),
    );
    assert.ok(lens);
    assert.ok(
      lens.title.startsWith(`🔥 ${pct(f.total, total)} total · ${pct(f.self, total)} self · `),
      lens.title,
    );
    assert.match(lens.title, / s CPU$/);
  });

  it('reports an ambiguous path under "Not in workspace" until a path mapping settles it', async () => {
    // A second workload.py makes the build-machine path ambiguous; the watcher picks it up.
    const copy = workspaceUri('old', 'workload.py');
    await vscode.workspace.fs.writeFile(copy, await vscode.workspace.fs.readFile(workload()));
    const unmapped = await waitFor(
      () => {
        const groups = hl.hotspots();
        const g = groups.find((x) => x.id === 'unmapped');
        const n = g && hl.hotspots(g).find((x) => /workload\.py$/.test(x.file));
        return n;
      },
      'workload.py under Not in workspace',
      WATCHER_MS,
    );
    assert.deepStrictEqual([...unmapped.candidates].sort(), ['old/workload.py', 'workload.py']);
    assert.deepStrictEqual(await lenses(workload()), []);
    const prefix = unmapped.file.replace(/\/workload\.py$/, '');
    assert.strictEqual(
      await vscode.commands.executeCommand(
        'hotspotLens.mapPath',
        unmapped,
        prefix,
        '${workspaceFolder}',
      ),
      true,
    );
    assert.deepStrictEqual(hl.config.settings.pathMappings.slice(-1), [
      { from: prefix, to: '${workspaceFolder}' },
    ]);
    await waitFor(async () => (await lenses(workload())).length > 0, 'lenses after mapping');
    assert.strictEqual(hl.store.current.resolution(unmapped.file).via, 'mapping');
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(copy, '..'), { recursive: true });
  });

  it('clears the profile: no lenses, no heat, an empty tree', async () => {
    await vscode.commands.executeCommand('hotspotLens.clearProfile');
    assert.strictEqual(hl.store.current, undefined);
    assert.deepStrictEqual(await lenses(workload()), []);
    assert.deepStrictEqual(hl.heatFor(workload()), []);
    assert.deepStrictEqual(hl.hotspots(), []);
  });

  it('loads hotspotLens.profile.path when the workspace has no profile of its own', async () => {
    assert.strictEqual(await hl.store.restore(), undefined, 'clear() forgot the last profile');
    const c = vscode.workspace.getConfiguration('hotspotLens');
    await c.update(
      'profile.path',
      'profiles/default.raw.txt',
      vscode.ConfigurationTarget.Workspace,
    );
    await waitFor(() => hl.config.settings.profilePath, 'setting read');
    const loaded = await hl.store.restore();
    assert.ok(loaded);
    assert.strictEqual(
      loaded.uri.toString(),
      workspaceUri('profiles', 'default.raw.txt').toString(),
    );
    await c.update('profile.path', undefined, vscode.ConfigurationTarget.Workspace);
  });
});
