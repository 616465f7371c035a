import assert from 'node:assert/strict';
import type { ChildProcess } from 'child_process';
import { existsSync, readdirSync } from 'fs';
import {
  CaptureError,
  findTool,
  newCapturePath,
  startPySpyCapture,
  type CaptureTarget,
  type FoundTool,
  type PySpyOptions,
} from '../../src/capture/index';
import {
  hotLine,
  hottest,
  processesWith,
  removeDir,
  sleep,
  startReady,
  stopChild,
  tempDir,
  WORKLOAD_PY,
} from './capture-support';

// Real py-spy against the known workload (test/fixtures/capture/workload.py). Skipped, with the
// reason printed, only where py-spy is not installed; CI installs it (`pip install py-spy`).

const PYTHON = process.env.PYTHON ?? 'python3';

describe('capture: py-spy', function () {
  this.timeout(30_000);
  let pySpy: FoundTool | undefined;
  let dir: string;
  const children: ChildProcess[] = [];

  before(async function () {
    try {
      pySpy = await findTool('py-spy');
    } catch (e) {
      console.log(`      skipped: py-spy is not installed (${(e as Error).message})`);
      this.skip();
    }
  });
  beforeEach(() => {
    dir = tempDir('py-spy');
  });
  afterEach(() => {
    children.splice(0).forEach(stopChild);
    removeDir(dir);
  });

  async function workload(seconds: number, marker = 'attach'): Promise<ChildProcess> {
    const child = await startReady(PYTHON, [WORKLOAD_PY, String(seconds), marker]);
    children.push(child);
    return child;
  }

  async function start(target: CaptureTarget, options: PySpyOptions) {
    const outputPath = await newCapturePath(dir, 'py-spy', target);
    return startPySpyCapture({ tool: pySpy!, target, outputPath, options });
  }

  async function assertHotLoop(path: string): Promise<void> {
    const { fn, line, profile } = await hottest(path);
    assert.ok(profile.meta.sampleRecords > 0, 'the capture has samples');
    assert.equal(fn.name, 'hot_loop');
    assert.equal(fn.file, WORKLOAD_PY);
    assert.equal(line.file, WORKLOAD_PY);
    assert.equal(line.line, hotLine(WORKLOAD_PY));
  }

  it('attaches to a running Python process: hot_loop is hottest, at its HOT line', async () => {
    const child = await workload(30);
    const session = await start({ kind: 'pid', pid: child.pid! }, { durationSeconds: 2 });
    const result = await session.result;
    assert.equal(result.stoppedEarly, false);
    assert.equal(result.targetExited, false);
    assert.match(result.outputPath, /py-spy-pid-\d+\.speedscope\.json$/);
    await assertHotLoop(result.outputPath);
  });

  it('launches a command under py-spy and ends it with the capture', async () => {
    const marker = `launch-${process.pid}-${Date.now()}`;
    const target: CaptureTarget = {
      kind: 'command',
      command: PYTHON,
      args: [WORKLOAD_PY, '30', marker],
    };
    const result = await (await start(target, { durationSeconds: 2 })).result;
    await assertHotLoop(result.outputPath);
    await sleep(200);
    assert.deepEqual(processesWith(marker), [], 'the launched workload does not outlive py-spy');
  });

  it('stop() ends the capture early (SIGINT) and keeps the samples', async () => {
    const child = await workload(30);
    const session = await start({ kind: 'pid', pid: child.pid! }, {});
    await sleep(1500);
    session.stop();
    const result = await session.result;
    assert.equal(result.stoppedEarly, true);
    await assertHotLoop(result.outputPath);
  });

  it('keeps what was recorded when the process exits during the capture', async () => {
    const child = await workload(1.5);
    const result = await (
      await start({ kind: 'pid', pid: child.pid! }, { durationSeconds: 20 })
    ).result;
    assert.equal(result.targetExited, true);
    assert.match(result.notes.join('\n'), /exited during the capture/);
    await assertHotLoop(result.outputPath);
  });

  it('cancel() leaves no child process and no partial file', async () => {
    const marker = `cancel-${process.pid}-${Date.now()}`;
    const target: CaptureTarget = {
      kind: 'command',
      command: PYTHON,
      args: [WORKLOAD_PY, '30', marker],
    };
    const session = await start(target, {});
    await sleep(1000);
    assert.ok(processesWith(marker).length > 0, 'the workload was running');
    await session.cancel();
    await assert.rejects(session.result, (e: CaptureError) => e.kind === 'cancelled');
    assert.equal(existsSync(session.outputPath), false);
    assert.deepEqual(readdirSync(dir), []);
    assert.deepEqual(processesWith(marker), []);
  });

  it('refuses a process that is not Python with the documented message', async () => {
    const child = await startReady('sh', ['-c', 'echo ready; exec sleep 30']);
    children.push(child);
    const session = await start({ kind: 'pid', pid: child.pid! }, { durationSeconds: 1 });
    await assert.rejects(session.result, (e: CaptureError) => {
      assert.equal(e.kind, 'not-python');
      assert.match(e.message, new RegExp(`Process ${child.pid} is not a Python process`));
      return true;
    });
    assert.deepEqual(readdirSync(dir), []);
  });

  it('reports a PID that does not exist before starting py-spy', async () => {
    const gone = await startReady('sh', ['-c', 'echo ready']);
    const pid = gone.pid!;
    await new Promise((resolve) => gone.on('close', resolve));
    await assert.rejects(
      async () => start({ kind: 'pid', pid }, { durationSeconds: 1 }),
      (e: CaptureError) =>
        e.kind === 'no-such-process' &&
        e.message === `Process ${pid} does not exist (it may have exited).`,
    );
  });
});
