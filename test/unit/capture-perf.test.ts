import assert from 'node:assert/strict';
import { execFileSync, type ChildProcess } from 'child_process';
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import {
  CaptureError,
  findTool,
  newCapturePath,
  startPerfCapture,
  type CaptureTarget,
  type FoundTool,
  type PerfOptions,
} from '../../src/capture/index';
import {
  HOT_C,
  hotLine,
  hottest,
  removeDir,
  startReady,
  stopChild,
  tempDir,
} from './capture-support';

// Real perf on a small C program built here with frame pointers and debug info. Skipped, with the
// reason printed, only where perf or gcc is absent; CI installs both (apt-get install linux-perf gcc).

function perfCanRecord(perf: string): string | undefined {
  try {
    execFileSync(perf, ['record', '-q', '-o', '/dev/null', '--', 'true'], { stdio: 'pipe' });
    return undefined;
  } catch (e) {
    return String((e as { stderr?: Buffer }).stderr ?? e).split('\n')[0];
  }
}

describe('capture: perf', function () {
  this.timeout(60_000);
  let perf: FoundTool | undefined;
  let dir: string;
  let binary: string;
  let child: ChildProcess | undefined;

  before(async function () {
    try {
      perf = await findTool('perf');
      execFileSync('gcc', ['--version'], { stdio: 'pipe' });
    } catch (e) {
      console.log(`      skipped: perf or gcc is not installed (${(e as Error).message})`);
      this.skip();
    }
    // Where perf exists but the kernel forbids it, the paranoid message is what we must show.
    const refused = perfCanRecord(perf!.path);
    if (refused) console.log(`      note: perf cannot record here: ${refused}`);
  });
  beforeEach(() => {
    dir = tempDir('perf');
    binary = join(dir, 'hot');
    // An absolute source path, so `perf script --full-source-path` names the fixture itself.
    execFileSync('gcc', ['-g', '-O0', '-fno-omit-frame-pointer', '-o', binary, HOT_C]);
  });
  afterEach(() => {
    stopChild(child);
    removeDir(dir);
  });

  async function record(target: CaptureTarget, options: PerfOptions) {
    const outputPath = await newCapturePath(join(dir, 'captures'), 'perf', target);
    return startPerfCapture({ tool: perf!, target, outputPath, options });
  }

  async function assertHotSpin(path: string): Promise<void> {
    const text = readFileSync(path, 'utf8');
    assert.match(text, /hot_spin/, 'perf script output names the hot function');
    const { fn, attribution } = await hottest(path);
    assert.equal(fn.name, 'hot_spin');
    const line = attribution.byLine.find((l) => l.file.endsWith('hot.c'));
    assert.ok(line, 'source lines are attributed');
    assert.equal(line.file, HOT_C);
    assert.equal(line.line, hotLine(HOT_C));
  }

  it('records a command with perf record -g: hot_spin and its HOT line are attributed', async () => {
    const session = await record(
      { kind: 'command', command: binary, args: ['1.5'] },
      { rateHz: 199 },
    );
    const result = await session.result;
    assert.match(result.outputPath, /-perf-hot\.perf\.txt$/);
    assert.deepEqual(result.notes, []);
    assert.deepEqual(readdirSync(join(dir, 'captures')), [result.outputPath.split('/').pop()]);
    await assertHotSpin(result.outputPath);
  });

  it('records with --call-graph dwarf when asked', async () => {
    const target: CaptureTarget = { kind: 'command', command: binary, args: ['1'] };
    const result = await (await record(target, { callGraph: 'dwarf' })).result;
    await assertHotSpin(result.outputPath);
  });

  it('attaches to a running PID and stops after the duration with SIGINT', async () => {
    child = await startReady(binary, ['30']);
    const session = await record({ kind: 'pid', pid: child.pid! }, { durationSeconds: 1.5 });
    const result = await session.result;
    assert.equal(result.targetExited, false);
    await assertHotSpin(result.outputPath);
    assert.equal(child.exitCode, null, 'attaching does not end the target');
  });

  it('keeps what was recorded when the attached process exits during the capture', async () => {
    child = await startReady(binary, ['1.5']);
    const session = await record({ kind: 'pid', pid: child.pid! }, { durationSeconds: 30 });
    const result = await session.result;
    assert.equal(result.targetExited, true);
    assert.match(result.notes.join('\n'), /exited during the capture/);
    await assertHotSpin(result.outputPath);
  });

  it('falls back to plain perf script when -F +srcline exceeds its time limit', async () => {
    const target: CaptureTarget = { kind: 'command', command: binary, args: ['1'] };
    const outputPath = await newCapturePath(join(dir, 'captures'), 'perf', target);
    const session = startPerfCapture({ tool: perf!, target, outputPath, srclineTimeoutMs: 1 });
    const result = await session.result;
    assert.match(result.notes.join('\n'), /took longer than .*used plain perf script/);
    const { fn, attribution } = await hottest(result.outputPath);
    assert.equal(fn.name, 'hot_spin', 'functions are still attributed');
    assert.equal(attribution.byLine.filter((l) => l.file.endsWith('hot.c')).length, 0);
  });

  it('cancel() discards the data and the output', async () => {
    child = await startReady(binary, ['30']);
    const session = await record({ kind: 'pid', pid: child.pid! }, {});
    await new Promise((resolve) => setTimeout(resolve, 500));
    await session.cancel();
    await assert.rejects(session.result, (e: CaptureError) => e.kind === 'cancelled');
    assert.deepEqual(readdirSync(join(dir, 'captures')), []);
  });

  it('says why when perf cannot start the command', async () => {
    const missing = join(dir, 'no-such-program');
    const session = await record({ kind: 'command', command: missing, args: [] }, {});
    await assert.rejects(session.result, (e: CaptureError) => {
      assert.equal(e.kind, 'failed');
      assert.match(e.message, /^perf failed: .*no-such-program.*No such file or directory/);
      return true;
    });
    assert.deepEqual(readdirSync(join(dir, 'captures')), []);
  });

  it('reports a PID that does not exist', async () => {
    const gone = await startReady('sh', ['-c', 'echo ready']);
    await new Promise((resolve) => gone.on('close', resolve));
    await assert.rejects(
      async () => record({ kind: 'pid', pid: gone.pid! }, {}),
      (e: CaptureError) => e.kind === 'no-such-process' && e.message.includes(`${gone.pid}`),
    );
  });
});
