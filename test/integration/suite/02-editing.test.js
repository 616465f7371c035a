/* global describe, it, before, after */
// Heat and lenses follow the user's edits until the profile is reloaded, and the annotation
// modes switch between CodeLens, inline text and heat only.
const assert = require('assert');
const vscode = require('vscode');
const { api, workspaceUri, waitFor, lenses, lineOf } = require('./helpers');

describe('editing a profiled file', () => {
  let hl;
  let editor;
  const workload = () => workspaceUri('workload.py');

  before(async () => {
    hl = await api();
    if (!hl.store.current) await hl.store.load(workspaceUri('profiles', 'default.raw.txt'));
    editor = await vscode.window.showTextDocument(
      await vscode.workspace.openTextDocument(workload()),
    );
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('moves the heat of a hot line down when a line is inserted above it', async () => {
    const hotLine = lineOf(editor.document, 'total += i * i % 13');
    const before = hl.heatFor(workload()).map((h) => h.line);
    assert.ok(before.includes(hotLine), `heat on ${hotLine}: ${before}`);
    const edit = new vscode.WorkspaceEdit();
    edit.insert(workload(), new vscode.Position(hotLine - 1, 0), '        # a new comment\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const moved = await waitFor(() => {
      const lines = hl.heatFor(workload()).map((h) => h.line);
      return lines.includes(hotLine + 1) && lines;
    }, 'heat on the moved line');
    assert.strictEqual(editor.document.lineAt(hotLine).text.trim(), 'total += i * i % 13');
    // Lines above the insertion keep their heat, lines below move by one.
    const expected = before.map((l) => (l >= hotLine ? l + 1 : l)).sort((a, b) => a - b);
    assert.deepStrictEqual(
      [...moved].sort((a, b) => a - b),
      expected,
    );
  });

  it('moves the lenses with the code and drops heat of deleted lines', async () => {
    const def = lineOf(editor.document, 'def fib');
    const edit = new vscode.WorkspaceEdit();
    edit.insert(workload(), new vscode.Position(0, 0), '# header 1\n# header 2\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitFor(
      async () => (await lenses(workload())).some((l) => l.line === def + 2),
      'lens on moved def fib',
    );
    const hot = lineOf(editor.document, 'return fib(');
    const before = hl.heatFor(workload()).map((h) => h.line);
    assert.ok(before.includes(hot), `heat on return fib(: ${before}`);
    const del = new vscode.WorkspaceEdit();
    del.delete(workload(), new vscode.Range(hot - 1, 0, hot, 0)); // the whole `return fib(…)` line
    assert.ok(await vscode.workspace.applyEdit(del));
    const expected = before.filter((l) => l !== hot).map((l) => (l > hot ? l - 1 : l));
    await waitFor(() => {
      const now = hl.heatFor(workload()).map((h) => h.line);
      return (
        JSON.stringify(now.sort((a, b) => a - b)) === JSON.stringify(expected.sort((a, b) => a - b))
      );
    }, `heat on ${expected}`);
  });

  it('shows the lens text inline in `inline` mode and nothing per function in `heatOnly`', async () => {
    await vscode.commands.executeCommand('workbench.action.files.revert');
    const expected = await lenses(workload());
    assert.ok(expected.length > 0);
    assert.strictEqual(
      await vscode.commands.executeCommand('hotspotLens.toggleAnnotations'),
      'inline',
    );
    assert.deepStrictEqual(await lenses(workload()), []);
    const inline = await waitFor(async () => {
      const a = await hl.inlineFor(workload());
      return a.length > 0 && a;
    }, 'inline annotations');
    assert.deepStrictEqual(
      inline.map((a) => [a.line, a.text]),
      expected.map((l) => [l.line, l.title]),
    );
    assert.strictEqual(
      await vscode.commands.executeCommand('hotspotLens.toggleAnnotations'),
      'heatOnly',
    );
    assert.deepStrictEqual(await lenses(workload()), []);
    assert.deepStrictEqual(await hl.inlineFor(workload()), []);
    assert.ok(hl.heatFor(workload()).length > 0, 'heat stays in heatOnly mode');
    assert.strictEqual(
      await vscode.commands.executeCommand('hotspotLens.toggleAnnotations'),
      'codeLens',
    );
    assert.deepStrictEqual(await lenses(workload()), expected);
  });

  it('turns lenses and heat off through their settings', async () => {
    const c = vscode.workspace.getConfiguration('hotspotLens');
    await c.update('codeLens.enabled', false, vscode.ConfigurationTarget.Workspace);
    await c.update('heat.enabled', false, vscode.ConfigurationTarget.Workspace);
    await waitFor(() => !hl.config.settings.heatEnabled, 'settings read');
    assert.deepStrictEqual(await lenses(workload()), []);
    assert.deepStrictEqual(hl.heatFor(workload()), []);
    await c.update('codeLens.enabled', undefined, vscode.ConfigurationTarget.Workspace);
    await c.update('heat.enabled', undefined, vscode.ConfigurationTarget.Workspace);
    await waitFor(() => hl.config.settings.heatEnabled, 'settings back');
    assert.ok((await lenses(workload())).length > 0);
    assert.ok(hl.heatFor(workload()).length > 0);
  });
});
