import assert from 'node:assert/strict';
import { execFile, type ChildProcess } from 'child_process';
import { chmodSync, copyFileSync, statSync } from 'fs';
import { join } from 'path';
import {
  classifyPerfFailure,
  classifyPySpyFailure,
  findTool,
  newCapturePath,
  startPySpyCapture,
  type CaptureError,
} from '../../src/capture/index';
import { removeDir, startReady, stopChild, tempDir, WORKLOAD_PY } from './capture-support';

// A refused attach, made real: the profiler runs as an unprivileged user (nobody, when the tests
// run as root) against a Python process of another user, so the kernel says no — the same
// situation as a container without CAP_SYS_PTRACE. The tools' own output must map to the
// documented messages. Where the tests do not run as root, a root-owned PID 1 is the target.

const NOBODY = 65534;

function runAs(uid: number, file: string, args: string[]): Promise<string> {
  return new Promise((resolve) => {
    execFile(file, args, { uid, gid: uid, timeout: 20_000 }, (_error, stdout, stderr) =>
      resolve(`${stdout}${stderr}`),
    );
  });
}

describe('capture: refused attach', function () {
  this.timeout(30_000);
  const isRoot = process.getuid?.() === 0;
  let dir: string;
  let child: ChildProcess | undefined;
  beforeEach(() => {
    dir = tempDir('refused');
    chmodSync(dir, 0o777);
  });
  afterEach(() => {
    stopChild(child);
    removeDir(dir);
  });

  it('py-spy without ptrace rights gives the ptrace permission message', async function () {
    let pySpy;
    try {
      pySpy = await findTool('py-spy');
    } catch {
      console.log('      skipped: py-spy is not installed');
      this.skip();
    }
    let error: CaptureError;
    if (isRoot) {
      child = await startReady(process.env.PYTHON ?? 'python3', [WORKLOAD_PY, '20', 'refused']);
      // A copy nobody can execute (pip may have put py-spy under the 0700 /root).
      const copy = join(dir, 'py-spy');
      copyFileSync(pySpy.path, copy);
      chmodSync(copy, 0o755);
      const out = join(dir, 'out.json');
      const output = await runAs(NOBODY, copy, [
        'record',
        '-d',
        '1',
        '-o',
        out,
        '-p',
        `${child.pid}`,
      ]);
      error = classifyPySpyFailure(output, child.pid);
    } else {
      if (statSync('/proc/1').uid === process.getuid?.()) {
        console.log('      skipped: not root, and PID 1 belongs to this user');
        this.skip();
      }
      const outputPath = await newCapturePath(dir, 'py-spy', { kind: 'pid', pid: 1 });
      const session = startPySpyCapture({
        tool: pySpy,
        target: { kind: 'pid', pid: 1 },
        outputPath,
      });
      error = await session.result.then(
        () => assert.fail('attaching to PID 1 should be refused'),
        (e: CaptureError) => e,
      );
    }
    assert.equal(error.kind, 'permission', error.toolOutput);
    assert.match(error.message, /ptrace permission denied/);
    const steps = error.nextSteps.join('\n');
    assert.match(steps, /\/proc\/sys\/kernel\/yama\/ptrace_scope/);
    assert.match(steps, /CAP_SYS_PTRACE/);
    assert.match(steps, /--cap-add SYS_PTRACE/);
    assert.match(steps, /sudo/);
  });

  it('perf refused by the kernel gives the perf_event_paranoid message', async function () {
    let perf;
    try {
      perf = await findTool('perf');
    } catch {
      console.log('      skipped: perf is not installed');
      this.skip();
    }
    if (!isRoot) {
      console.log('      skipped: needs root to run perf as another user');
      this.skip();
    }
    child = await startReady('sh', ['-c', 'echo ready; exec sleep 30']);
    const data = join(dir, 'perf.data');
    const output = await runAs(NOBODY, perf.path, [
      'record',
      '-o',
      data,
      '-p',
      `${child.pid}`,
      '--',
      'sleep',
      '1',
    ]);
    const error = classifyPerfFailure(output, child.pid);
    assert.ok(['perf-paranoid', 'permission'].includes(error.kind), output);
    assert.match(error.nextSteps.join('\n'), /perf_event_paranoid/);
  });
});
