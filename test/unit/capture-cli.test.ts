import assert from 'node:assert/strict';
import { execFile } from 'child_process';
import { existsSync } from 'fs';
import { join } from 'path';
import { findTool } from '../../src/capture/index';
import { hotLine, removeDir, tempDir, WORKLOAD_PY } from './capture-support';

// `hotspot-lens record` as a real process: it captures with the same code as the editor and
// prints the hottest functions of what it recorded.

const CLI = join(__dirname, '../../src/cli/main.js');

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { timeout: 30_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('capture: hotspot-lens record', function () {
  this.timeout(30_000);
  let dir: string;
  beforeEach(() => {
    dir = tempDir('cli');
  });
  afterEach(() => removeDir(dir));

  it('records a Python command with py-spy and prints hot_loop first', async function () {
    try {
      await findTool('py-spy');
    } catch {
      console.log('      skipped: py-spy is not installed');
      this.skip();
    }
    const out = join(dir, 'out', 'profile.speedscope.json');
    const python = process.env.PYTHON ?? 'python3';
    const run = await cli([
      'record',
      '--duration',
      '1',
      '-o',
      out,
      '--',
      python,
      WORKLOAD_PY,
      '30',
    ]);
    assert.equal(run.code, 0, run.stderr);
    assert.ok(existsSync(out));
    assert.match(run.stderr, /using .*py-spy \(from (PATH|interpreter|setting)\)/);
    const firstRow = run.stdout.split('\n').find((l) => /%/.test(l) && !/self%/.test(l)) ?? '';
    assert.match(firstRow, /\bhot_loop\b/);
    assert.ok(firstRow.includes(`${WORKLOAD_PY}:${hotLine(WORKLOAD_PY)}`), firstRow);
  });

  it('explains a missing tool with its next steps and exits 1', async () => {
    const missing = join(dir, 'no-such-py-spy');
    const run = await cli(['record', '--tool', missing, '-o', join(dir, 'x.json'), '--pid', '1']);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /py-spy was not found/);
    assert.match(run.stderr, /python -m pip install py-spy/);
  });

  it('rejects a command line without a target', async () => {
    const run = await cli(['record', '-o', join(dir, 'x.json')]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /give either --pid PID or -- COMMAND ARGS/);
  });
});
