import assert from 'node:assert/strict';
import { spawn } from 'child_process';
import { readdirSync, readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import {
  CaptureError,
  findTool,
  newCapturePath,
  startPerfCapture,
  startPySpyCapture,
  type CaptureSession,
  type CaptureTarget,
  type FoundTool,
} from '../../src/capture/index';
import { processesWith, removeDir, sleep, tempDir } from './capture-support';

// No profiler, launched command or grandchild may outlive a cancelled capture, including the
// deactivation path: CaptureRunner.dispose() (src/editor/capture/capture-runner.ts, owned by
// context.subscriptions) calls session.cancel() without awaiting it, and the extension host may
// exit right after. Real py-spy and perf launch a Python command that starts a grandchild; the
// process group is read from /proc. Skipped per tool where it is not installed.

const PYTHON = process.env.PYTHON ?? 'python3';
const CAPTURE = join(__dirname, '../../src/capture/index.js');
// The launched command starts a grandchild, then both sleep; argv carries the marker.
const CODE =
  'import subprocess, sys, time\n' +
  "subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(300)', sys.argv[1] + '-grand'])\n" +
  'time.sleep(300)\n';

/** Live (non-zombie) members of a process group, from /proc/PID/stat (field 5 is pgrp). */
function groupMembers(pgid: number): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(pgrp) === pgid && state !== 'Z') found.push(Number(entry));
    } catch {
      // Exited while we read.
    }
  }
  return found;
}

function groupOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
}

/** Polls until `cond` holds or `ms` passed (a kill is delivered at once, teardown is not). */
async function eventually(cond: () => boolean, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await sleep(50)) if (cond()) return true;
  return cond();
}

for (const kind of ['py-spy', 'perf'] as const) {
  describe(`capture: no orphan process after cancel or deactivation (${kind})`, function () {
    this.timeout(60_000);
    let tool: FoundTool | undefined;
    let dir: string;
    const groups: number[] = [];

    before(async function () {
      try {
        tool = await findTool(kind);
      } catch (e) {
        console.log(`      skipped: ${kind} is not installed (${(e as Error).message})`);
        this.skip();
      }
    });
    beforeEach(() => {
      dir = tempDir(`orphans-${kind}`);
    });
    afterEach(() => {
      // Whatever a failing test left behind goes now.
      for (const g of groups.splice(0))
        try {
          process.kill(-g, 'SIGKILL');
        } catch {
          // Already gone.
        }
      removeDir(dir);
    });

    function target(marker: string): CaptureTarget {
      return { kind: 'command', command: PYTHON, args: ['-c', CODE, marker] };
    }

    /** The group of the capture once the grandchild runs. */
    async function running(marker: string): Promise<number> {
      assert.ok(await eventually(() => processesWith(`${marker}-grand`).length > 0, 20_000));
      const pgid = groupOf(processesWith(`${marker}-grand`)[0]);
      groups.push(pgid);
      // py-spy or perf, the launched command and the grandchild share the capture's group.
      assert.ok(groupMembers(pgid).length >= 3, `group ${pgid}: ${groupMembers(pgid)}`);
      assert.notEqual(pgid, groupOf(process.pid), 'the capture has a group of its own');
      return pgid;
    }

    it('dispose-style cancel (not awaited) kills the tool, the command and its child', async () => {
      const marker = `orphan-${kind}-${process.pid}-${Date.now()}`;
      const t = target(marker);
      const outputPath = await newCapturePath(dir, kind, t);
      const session: CaptureSession =
        kind === 'py-spy'
          ? startPySpyCapture({ tool: tool!, target: t, outputPath })
          : startPerfCapture({ tool: tool!, target: t, outputPath });
      const pgid = await running(marker);
      void session.cancel(); // exactly what CaptureRunner.dispose() does
      await assert.rejects(session.result, (e: CaptureError) => e.kind === 'cancelled');
      assert.ok(await eventually(() => groupMembers(pgid).length === 0, 5000), 'group left');
      assert.deepEqual(processesWith(marker), []);
      assert.deepEqual(readdirSync(dir), [], 'no partial output');
    });

    // The extension host exiting right after deactivate: a Node process starts the capture,
    // cancels it the way dispose() does and exits at once; with `exit` only, the control case,
    // the group must survive, which shows that the check can see an orphan.
    for (const cancel of [true, false])
      it(
        cancel
          ? 'a host that cancels and exits at once leaves no process behind'
          : 'control: a host that exits without cancelling leaves the group running',
        async () => {
          const marker = `orphan-host-${kind}-${cancel}-${process.pid}-${Date.now()}`;
          const script = join(dir, 'host.js');
          writeFileSync(
            script,
            `const cap = require(${JSON.stringify(CAPTURE)});
const fs = require('fs');
const [kind, python, code, marker, dir, cancel] = process.argv.slice(2);
const alive = (m) => fs.readdirSync('/proc').some((e) => {
  try { return fs.readFileSync('/proc/' + e + '/cmdline', 'utf8').includes(m); } catch { return false; }
});
(async () => {
  const tool = await cap.findTool(kind);
  const target = { kind: 'command', command: python, args: ['-c', code, marker] };
  const outputPath = await cap.newCapturePath(dir, kind, target);
  const start = kind === 'py-spy' ? cap.startPySpyCapture : cap.startPerfCapture;
  const session = start({ tool, target, outputPath });
  session.result.catch(() => undefined);
  while (!alive(marker + '-grand')) await new Promise((r) => setTimeout(r, 50));
  if (cancel === 'yes') void session.cancel();
  process.exit(0);
})();
`,
          );
          const code = await new Promise<number | null>((resolve, reject) => {
            const host = spawn(
              process.execPath,
              [script, kind, PYTHON, CODE, marker, dir, cancel ? 'yes' : 'no'],
              { stdio: ['ignore', 'ignore', 'inherit'] },
            );
            host.on('error', reject);
            host.on('close', resolve);
          });
          assert.equal(code, 0);
          const grand = processesWith(`${marker}-grand`);
          if (cancel) {
            assert.ok(
              await eventually(() => processesWith(marker).length === 0, 5000),
              `left: ${processesWith(marker)}`,
            );
          } else {
            assert.equal(grand.length, 1, 'the grandchild outlived a host that did not cancel');
            const pgid = groupOf(grand[0]);
            groups.push(pgid);
            assert.ok(groupMembers(pgid).length >= 3);
          }
        },
      );
  });
}
