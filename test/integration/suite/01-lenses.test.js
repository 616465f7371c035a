/* global describe, it, before */
// A py-spy profile of the fixture workload, opened through the command, as a user would: the
// lens, heat, hover and tree numbers are checked against `hotspot-lens summary` (the CLI).
const assert = require('assert');
const vscode = require('vscode');
const { api, workspaceUri, cliSummary, pct, waitFor, lenses, lineOf } = require('./helpers');

describe('py-spy raw profile in the editor', () => {
  let hl;
  let doc;
  const profile = () => workspaceUri('profiles', 'default.raw.txt');
  const workload = () => workspaceUri('workload.py');

  before(async () => {
    hl = await api();
    doc = await vscode.workspace.openTextDocument(workload());
    await vscode.window.showTextDocument(doc);
  });

  it('activates with an API and runs in a real VS Code extension host', async () => {
    const pkg = require('../../../package.json');
    assert.strictEqual(hl.version, pkg.version);
    assert.ok(hl.store, 'api.store');
    // Every command the manifest contributes has a handler once the extension is active.
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = pkg.contributes.commands
      .map((c) => c.command)
      .filter((c) => !registered.has(c));
    assert.deepStrictEqual(missing, []);
    console.log(
      `    vscode ${vscode.version}, node ${process.versions.node}, uiKind ${vscode.env.uiKind}`,
    );
  });

  it('loads the profile through hotspotLens.openProfile', async () => {
    const loaded = await vscode.commands.executeCommand('hotspotLens.openProfile', profile());
    assert.ok(loaded, 'openProfile returned the loaded profile');
    assert.strictEqual(hl.store.current, loaded);
    assert.strictEqual(loaded.profile.meta.format, 'pyspy-raw');
    assert.strictEqual(loaded.resolve('workload.py').toString(), workload().toString());
  });

  it('remembers the profile per workspace and reloads it', async () => {
    const again = await hl.store.restore();
    assert.ok(again, 'restore() reloaded the last profile');
    assert.strictEqual(again.uri.toString(), profile().toString());
    assert.strictEqual(hl.store.current, again);
  });

  it('puts the hottest CodeLens on the pure_python_loop def line, with the CLI percentage', async () => {
    const summary = cliSummary(profile().fsPath, 'function');
    const total = summary.values[summary.value].total;
    const expected = summary.top.find(
      (f) => f.name === 'pure_python_loop' && /workload\.py$/.test(f.file),
    );
    assert.ok(expected, 'CLI reports pure_python_loop');
    const list = await lenses(workload());
    assert.ok(list.length >= 3, `lenses: ${JSON.stringify(list)}`);
    const def = lineOf(doc, 'def pure_python_loop');
    const lens = list.find((l) => l.line === def);
    assert.ok(lens, `a lens on line ${def}: ${JSON.stringify(list)}`);
    assert.strictEqual(
      lens.title,
      `🔥 ${pct(expected.total, total)} total · ${pct(expected.self, total)} self · ` +
        `${expected.total.toLocaleString('en-US')} samples`,
    );
    // Hottest by self: callers such as main_loop have a larger total share.
    const self = (t) => parseFloat(/([\d.]+)% self/.exec(t)[1]);
    assert.strictEqual(Math.max(...list.map((l) => self(l.title))), self(lens.title));
    assert.strictEqual(lens.command.command, 'hotspotLens.showFunction');
    assert.ok(lens.command.arguments[0].key.startsWith('pure_python_loop\u0000'));
    // fib is placed on its own def line too (all its sampled lines 13–16 belong to it).
    assert.ok(
      list.some((l) => l.line === lineOf(doc, 'def fib')),
      'lens on def fib',
    );
  });

  it('draws heat on the lines the CLI ranks above the threshold, hottest in the top bucket', async () => {
    const summary = cliSummary(profile().fsPath, 'line');
    const total = summary.values[summary.value].total;
    const threshold = hl.config.settings.heatThreshold;
    const want = summary.top
      .filter((l) => l.file === 'workload.py' && (l.self / total) * 100 >= threshold && l.self > 0)
      .map((l) => l.line)
      .sort((a, b) => a - b);
    const heat = await waitFor(
      () => hl.heatFor(workload()).length > 0 && hl.heatFor(workload()),
      'heat',
    );
    assert.deepStrictEqual(
      heat.map((h) => h.line).sort((a, b) => a - b),
      want,
    );
    const hottest = heat.reduce((a, b) => (b.stat.self > a.stat.self ? b : a));
    assert.strictEqual(hottest.line, lineOf(doc, 'total += i * i % 13'));
    assert.strictEqual(hottest.bucket, Math.max(...heat.map((h) => h.bucket)));
    assert.ok(hottest.bucket > heat.find((h) => h.line === lineOf(doc, 'return fib(')).bucket);
    assert.strictEqual(hottest.text.trim(), pct(hottest.stat.self, total));
  });

  it('shows shares and top callers in the hover of a hot line', async () => {
    const line = lineOf(doc, 'total += i * i % 13');
    const hovers = await vscode.commands.executeCommand(
      'vscode.executeHoverProvider',
      workload(),
      new vscode.Position(line - 1, 8),
    );
    const text = hovers
      .flatMap((h) => h.contents)
      .map((c) => (typeof c === 'string' ? c : c.value))
      .join('\n');
    assert.match(text, /line \d+/);
    assert.match(text, /\| self \| \d+\.\d% \|/);
    assert.match(text, /Top callers/);
    assert.match(text, /main\\_loop|worker\\_thread/);
    // On the def line the hover is about the whole function.
    const def = await vscode.commands.executeCommand(
      'vscode.executeHoverProvider',
      workload(),
      new vscode.Position(lineOf(doc, 'def pure_python_loop') - 1, 6),
    );
    const defText = def
      .flatMap((h) => h.contents)
      .map((c) => c.value ?? c)
      .join('\n');
    assert.match(defText, /pure\\_python\\_loop/);
    const summary = cliSummary(profile().fsPath, 'function');
    const f = summary.top.find((x) => x.name === 'pure_python_loop');
    const totalPct = pct(f.total, summary.values[summary.value].total);
    assert.ok(defText.includes(`| total | ${totalPct} |`), defText);
  });

  it('lists top functions and the files that are not in the workspace in the Hotspots view', async () => {
    const groups = hl.hotspots();
    assert.deepStrictEqual(
      groups.map((g) => g.label.replace(/ \(\d+\)$/, '')),
      ['Top functions by self', 'Top functions by total', 'Not in workspace'],
    );
    const top = hl.hotspots(groups[0]);
    assert.strictEqual(top[0].stat.name, 'pure_python_loop');
    const item = hl.treeItem(top[0]);
    assert.strictEqual(item.command.command, 'hotspotLens.openFunction');
    const unmapped = hl.hotspots(groups[2]).map((n) => n.file);
    assert.ok(unmapped.includes('threading.py'), `not in workspace: ${unmapped}`);
    assert.strictEqual(hl.treeItem(hl.hotspots(groups[2])[0]).contextValue, 'unmappedFile');
    // Clicking a function opens its source at the def line.
    assert.strictEqual(
      await vscode.commands.executeCommand(item.command.command, ...item.command.arguments),
      true,
    );
    const editor = vscode.window.activeTextEditor;
    assert.strictEqual(editor.document.uri.toString(), workload().toString());
    assert.strictEqual(editor.selection.active.line + 1, lineOf(doc, 'def pure_python_loop'));
    // The lens command opens the flamegraph beside the code and finds the function in the view.
    assert.strictEqual(
      await vscode.commands.executeCommand('hotspotLens.showFunction', { key: top[0].stat.key }),
      true,
    );
    // Tabs reach the extension host a moment after the panel is created: poll for it.
    const labels = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs.map((t) => t.label));
    for (let i = 0; i < 50 && !labels().some((l) => l.startsWith('Flamegraph')); i++)
      await new Promise((r) => setTimeout(r, 100));
    assert.ok(
      labels().some((label) => label.startsWith('Flamegraph')),
      `no flamegraph tab: ${labels()}`,
    );
  });
});
