/* global describe, it, before, after */
// The assistant tools as VS Code registers them (src/editor/assist), invoked the way Copilot's
// agent mode does, through vscode.lm.invokeTool, on the loaded fixture profile. The expected
// numbers are recomputed here from the py-spy raw file itself, not taken from our importer.
const assert = require('assert');
const fs = require('fs');
const os = require('os');
const path = require('path');
const vscode = require('vscode');
const { api, workspaceUri, waitFor, lineOf, startLocalSentry, storedSpan } = require('./helpers');

const TOKEN = 'sntryu_' + 'a55e55ed'.repeat(8);
const TOOLS = ['hotspots', 'line_breakdown', 'slowest_spans', 'compare', 'capture'].map(
  (n) => `hotspotLens_${n}`,
);

/** Self share (%) per function name: the last frame of each `stack count` line. */
function leafShares(text) {
  const counts = new Map();
  let total = 0;
  for (const line of text.split('\n')) {
    const m = /^(.*) (\d+)$/.exec(line);
    if (!m) continue;
    total += Number(m[2]);
    const leaf = m[1].split(';').pop().trim();
    if (leaf === '') continue;
    const name = leaf.replace(/ \(.*\)$/, '');
    counts.set(name, (counts.get(name) ?? 0) + Number(m[2]));
  }
  return new Map([...counts].map(([k, v]) => [k, (100 * v) / total]));
}

/** Names of the frames directly above `fn` in any stack (its callers), recursion left out. */
function callersOf(text, fn) {
  const names = new Set();
  for (const line of text.split('\n')) {
    const frames = (/^(.*) \d+$/.exec(line)?.[1] ?? '')
      .split(';')
      .map((f) => f.trim().replace(/ \(.*\)$/, ''));
    frames.forEach((f, i) => {
      if (f === fn && i > 0 && frames[i - 1] !== fn) names.add(frames[i - 1]);
    });
  }
  return [...names].sort();
}

async function invoke(name, input) {
  const result = await vscode.lm.invokeTool(`hotspotLens_${name}`, {
    input,
    toolInvocationToken: undefined,
  });
  const parts = result.content.map((p) => p.value);
  assert.strictEqual(parts.length, 2, `${name}: text and JSON`);
  return { text: parts[0], data: JSON.parse(parts[1]) };
}

async function refused(name, input, pattern) {
  await assert.rejects(invoke(name, input), (err) => {
    assert.match(err.message, pattern);
    return true;
  });
}

describe('assistant tools (vscode.lm.invokeTool)', function () {
  let hl;
  let raw;
  const profile = () => workspaceUri('profiles', 'default.raw.txt');

  before(async function () {
    if (
      typeof vscode.lm?.invokeTool !== 'function' ||
      typeof vscode.lm?.registerTool !== 'function'
    ) {
      console.log(`SKIP assistant tools: VS Code ${vscode.version} has no vscode.lm tool API`);
      this.skip();
    }
    hl = await api();
    raw = fs.readFileSync(profile().fsPath, 'utf8');
    await vscode.commands.executeCommand('hotspotLens.openProfile', profile());
    await waitFor(() => hl.store.current?.uri.fsPath === profile().fsPath, 'the profile to load');
  });

  it('registers every tool of package.json', async () => {
    assert.deepStrictEqual(hl.assist.tools, TOOLS);
    const listed = vscode.lm.tools.filter((t) => t.name.startsWith('hotspotLens_'));
    assert.deepStrictEqual(listed.map((t) => t.name).sort(), [...TOOLS].sort());
    const hot = listed.find((t) => t.name === 'hotspotLens_hotspots');
    assert.strictEqual(hot.inputSchema.properties.limit.maximum, 200);
  });

  it('hotspots: the hottest function of the loaded profile first, on its def line', async () => {
    const shares = leafShares(raw);
    const ranked = [...shares].sort((a, b) => b[1] - a[1]);
    const { text, data } = await invoke('hotspots', { limit: 3 });
    assert.strictEqual(data.profile, 'profiles/default.raw.txt');
    assert.deepStrictEqual(
      data.functions.map((f) => f.function),
      ranked.slice(0, 3).map(([name]) => name),
    );
    for (const f of data.functions)
      assert.ok(Math.abs(f.selfPct - shares.get(f.function)) < 0.01, `${f.function} share`);
    const first = data.functions[0];
    const doc = await vscode.workspace.openTextDocument(workspaceUri('workload.py'));
    assert.strictEqual(first.file, 'workload.py');
    assert.strictEqual(first.line, lineOf(doc, `def ${first.function}(`));
    assert.match(text.split('\n')[1], new RegExp(`^1\\. ${first.function} — workload\\.py:`));
  });

  it('line_breakdown: the callers of a function as the stacks record them', async () => {
    const { data } = await invoke('line_breakdown', { function: 'fib' });
    assert.strictEqual(data.function, 'fib');
    assert.deepStrictEqual(data.callers.map((c) => c.function).sort(), callersOf(raw, 'fib'));
    assert.ok(Math.abs(data.selfPct - leafShares(raw).get('fib')) < 0.01);
    assert.ok(data.hotLines.length > 0);
  });

  it('compare: the function made lighter than its baseline is the biggest win', async () => {
    const heavier = raw
      .split('\n')
      .map((line) => {
        const m = /^(.*;)?(pure_python_loop \([^)]*\)) (\d+)$/.exec(line);
        return m ? `${m[1] ?? ''}${m[2]} ${Number(m[3]) * 4}` : line;
      })
      .join('\n');
    const base = workspaceUri('profiles', 'assist-baseline.raw.txt');
    fs.writeFileSync(base.fsPath, heavier);
    const { text, data } = await invoke('compare', { base: 'profiles/assist-baseline.raw.txt' });
    const win = data.wins[0];
    assert.strictEqual(win.function, 'pure_python_loop');
    const expected =
      leafShares(raw).get('pure_python_loop') - leafShares(heavier).get('pure_python_loop');
    assert.ok(Math.abs(win.deltaPts - expected) < 0.01, `${win.deltaPts} vs ${expected}`);
    assert.match(text, /Biggest wins:\n {2}pure_python_loop \(workload\.py\) −/);
  });

  it('answers a bad call with the reason, never a crash', async () => {
    await refused('hotspots', { profile: '../../etc/passwd' }, /outside the workspace root/);
    await refused('hotspots', { limit: 0 }, /'limit' must be at least 1/);
    await refused('line_breakdown', { function: 'no_such_function' }, /no_such_function/);
    // Without Sentry data the tool says how to get it.
    await refused('slowest_spans', { function: 'compute_report' }, /Sign in to Sentry/);
    // Still serving.
    assert.ok((await invoke('hotspots', { limit: 1 })).data.functions.length === 1);
  });

  it('capture: asks the user first, naming the command, and runs nothing it cannot', async () => {
    const prepared = hl.assist.prepare('hotspotLens_capture', {
      command: ['python', 'workload.py', '--seconds', '2'],
    });
    assert.strictEqual(
      prepared.confirmationMessages.title,
      'Run and profile `python workload.py --seconds 2`?',
    );
    assert.match(
      prepared.confirmationMessages.message.value,
      /```\npython workload\.py --seconds 2\n```/,
    );
    const byPid = hl.assist.prepare('hotspotLens_capture', { pid: 4242 });
    assert.match(byPid.confirmationMessages.title, /process 4242/);
    // Neither a command nor a pid: nothing to confirm, and invoke explains.
    assert.strictEqual(
      hl.assist.prepare('hotspotLens_capture', {}).confirmationMessages,
      undefined,
    );
    await refused('capture', {}, /exactly one of 'command' or 'pid'/);
    // The read-only tools ask nothing.
    assert.strictEqual(
      hl.assist.prepare('hotspotLens_hotspots', {}).confirmationMessages,
      undefined,
    );
  });

  describe('with Sentry signed in (local Sentry server)', () => {
    let server;
    let dataDir;
    const settings = () => vscode.workspace.getConfiguration('hotspotLens');

    before(async function () {
      this.timeout(60000);
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hl-assist-sentry-'));
      const now = Math.floor(Date.now() / 1000);
      const spans = [0.1, 0.4, 0.25].map((seconds, i) =>
        storedSpan({
          index: i,
          start: now - 3600 - i * 60,
          seconds,
          line: 2,
          segmentName: 'GET /report',
        }),
      );
      fs.writeFileSync(path.join(dataDir, 'spans.jsonl'), spans.join('\n') + '\n');
      server = await startLocalSentry(dataDir, TOKEN);
      await vscode.workspace.fs.writeFile(
        workspaceUri('shopapp', 'reports.py'),
        Buffer.from('def compute_report():\n    total = 0\n    return total\n'),
      );
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
      const snap = await hl.sentry.refresh(true);
      assert.ok(
        snap && snap.rows.some((r) => r.function === 'compute_report'),
        hl.sentry.lastError(),
      );
    });

    after(async () => {
      await vscode.commands.executeCommand('hotspotLens.sentry.signOut');
      await settings().update('sentry.url', undefined, vscode.ConfigurationTarget.Workspace);
      await settings().update(
        'sentry.organization',
        undefined,
        vscode.ConfigurationTarget.Workspace,
      );
      server?.child.kill();
      if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    });

    it('slowest_spans: the recorded spans slowest first, with trace links, token in no answer', async () => {
      const { text, data } = await invoke('slowest_spans', { function: 'compute_report' });
      assert.strictEqual(data.function, 'compute_report');
      assert.deepStrictEqual(
        data.spans.map((s) => Math.round(s.durationMs)),
        [400, 250, 100],
      );
      assert.strictEqual(data.spans[0].traceId, '0000000000000002'.repeat(2));
      assert.ok(data.spans[0].url.startsWith(server.url), data.spans[0].url);
      const answers = [text, JSON.stringify(data)];
      for (const [name, input] of [
        ['hotspots', {}],
        ['line_breakdown', { function: 'fib' }],
      ]) {
        const r = await invoke(name, input);
        answers.push(r.text, JSON.stringify(r.data));
      }
      for (const a of answers) assert.ok(!a.includes(TOKEN.slice(7)), 'the token leaked');
    });
  });
});
