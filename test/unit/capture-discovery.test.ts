import assert from 'node:assert/strict';
import type { ChildProcess } from 'child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'fs';
import { userInfo } from 'os';
import { delimiter, join } from 'path';
import {
  CaptureError,
  findTool,
  listProcesses,
  newCapturePath,
  perfRecordArgs,
  pySpyRecordArgs,
} from '../../src/capture/index';
import { removeDir, startReady, stopChild, tempDir, WORKLOAD_PY } from './capture-support';

// Tool discovery order, output naming, argument arrays and the /proc process list. These need no
// profiler, so they always run.

function executable(path: string): string {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, '#!/bin/sh\nexit 0\n');
  chmodSync(path, 0o755);
  return path;
}

describe('capture: finding py-spy and perf', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDir('discovery');
  });
  afterEach(() => removeDir(dir));

  it('prefers the setting, then the interpreter folder, then PATH', async () => {
    const setting = executable(join(dir, 'custom', 'py-spy'));
    const venvPython = executable(join(dir, 'venv', 'bin', 'python'));
    const nextToPython = executable(join(dir, 'venv', 'bin', 'py-spy'));
    const onPath = executable(join(dir, 'path', 'py-spy'));
    const env = { PATH: [join(dir, 'empty'), join(dir, 'path')].join(delimiter) };
    const all = { explicitPath: setting, pythonPath: venvPython, env };
    assert.deepEqual(await findTool('py-spy', all), {
      tool: 'py-spy',
      path: setting,
      source: 'setting',
    });
    assert.deepEqual(
      await findTool('py-spy', { ...all, explicitPath: 'py-spy' /* the setting's default */ }),
      {
        tool: 'py-spy',
        path: nextToPython,
        source: 'interpreter',
      },
    );
    assert.deepEqual(await findTool('py-spy', { env, pythonPath: join(dir, 'other', 'python') }), {
      tool: 'py-spy',
      path: onPath,
      source: 'PATH',
    });
  });

  it('looks in Scripts\\ next to a Windows interpreter, for py-spy.exe', async () => {
    const scripts = executable(join(dir, 'Python311', 'Scripts', 'py-spy.exe'));
    const python = join(dir, 'Python311', 'python.exe');
    const found = await findTool('py-spy', { pythonPath: python, platform: 'win32', env: {} });
    assert.deepEqual(found, { tool: 'py-spy', path: scripts, source: 'interpreter' });
  });

  it('gives the documented message and next steps when py-spy is missing', async () => {
    const missing = join(dir, 'nope', 'py-spy');
    await assert.rejects(
      findTool('py-spy', { explicitPath: missing, env: { PATH: join(dir, 'empty') } }),
      (e: CaptureError) => {
        assert.equal(e.kind, 'not-found');
        assert.match(
          e.message,
          /^py-spy was not found\. Looked in: .*nope[\\/]py-spy \(hotspotLens\.pySpy\.path\)\.$/,
        );
        assert.ok(e.nextSteps.some((s) => s.includes('python -m pip install py-spy')));
        assert.ok(e.nextSteps.some((s) => s.includes('hotspotLens.pySpy.path')));
        return true;
      },
    );
  });

  it('gives the documented message when perf is missing', async () => {
    await assert.rejects(findTool('perf', { env: { PATH: dir } }), (e: CaptureError) => {
      assert.equal(e.kind, 'not-found');
      assert.match(e.message, /^perf was not found/);
      assert.ok(e.nextSteps.some((s) => s.includes('hotspotLens.perf.path')));
      return true;
    });
  });

  it('names captures by time, tool and target under the given folder', async () => {
    const py = await newCapturePath(join(dir, 'captures'), 'py-spy', { kind: 'pid', pid: 42 });
    assert.match(
      py,
      /captures[\\/]\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-py-spy-pid-42\.speedscope\.json$/,
    );
    const target = { kind: 'command', command: 'python3', args: ['-u', 'my app.py'] } as const;
    const perf = await newCapturePath(join(dir, 'captures'), 'perf', target);
    assert.match(perf, /-perf-my_app\.py\.perf\.txt$/);
  });

  it('passes commands through as argument arrays, spaces and quotes untouched', () => {
    const target = { kind: 'command', command: 'python3', args: ['a b.py', '--x=";rm"'] } as const;
    const args = pySpyRecordArgs(target, '/o.json', { rateHz: 250, idle: true, gil: true });
    assert.deepEqual(args.slice(-4), ['--', 'python3', 'a b.py', '--x=";rm"']);
    assert.deepEqual(args.slice(args.indexOf('--rate'), args.indexOf('--rate') + 2), [
      '--rate',
      '250',
    ]);
    assert.ok(args.includes('--idle') && args.includes('--gil') && !args.includes('--native'));
    const perf = perfRecordArgs({ kind: 'pid', pid: 7 }, '/p.data', { callGraph: 'dwarf' });
    assert.deepEqual(perf.slice(-2), ['--pid', '7']);
    assert.ok(perf.includes('dwarf') && !perf.includes('-g'));
  });
});

describe('capture: process list', function () {
  this.timeout(15_000);
  let child: ChildProcess | undefined;
  afterEach(() => stopChild(child));

  it('lists a busy Python process first, with user, full command line and CPU use', async () => {
    const marker = `list-${process.pid}`;
    child = await startReady(process.env.PYTHON ?? 'python3', [WORKLOAD_PY, '20', marker]);
    const processes = await listProcesses(500);
    const mine = processes.find((p) => p.pid === child!.pid);
    assert.ok(mine, 'the workload is listed');
    assert.equal(mine.isPython, true);
    assert.ok(mine.command.endsWith(`${WORKLOAD_PY} 20 ${marker}`), mine.command);
    assert.equal(mine.user, userInfo().username);
    assert.ok(mine.cpuPercent > 0, `cpu ${mine.cpuPercent}`);
    const firstOther = processes.findIndex((p) => !p.isPython);
    assert.ok(firstOther === -1 || processes.indexOf(mine) < firstOther, 'Python first');
  });
});
