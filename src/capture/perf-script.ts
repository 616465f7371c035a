import { spawn } from 'child_process';
import { createWriteStream } from 'fs';
import { perfScriptArgs } from './args';
import { CaptureError } from './errors';
import { fileSize, removeQuietly } from './output';
import type { SessionControl } from './session';

// perf.data → `perf script` text. `-F +srcline` resolves every frame to file:line through
// addr2line, which is what line heat needs but can take minutes on large binaries (or fail on an
// old perf), so it runs under a time limit and falls back to plain `perf script`.

export const DEFAULT_SRCLINE_TIMEOUT_MS = 60_000;

interface ScriptRun {
  readonly ok: boolean;
  readonly timedOut: boolean;
  readonly stderr: string;
}

function runScript(
  perfPath: string,
  args: string[],
  outputPath: string,
  timeoutMs: number,
  control: SessionControl,
): Promise<ScriptRun> {
  return new Promise((resolve) => {
    const out = createWriteStream(outputPath);
    const child = spawn(perfPath, args, { stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    let stderr = '';
    let timedOut = false;
    child.stderr.on('data', (c: Buffer) => {
      if (stderr.length < 16384) stderr += c.toString('utf8');
    });
    child.stdout.pipe(out);
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    control.current = {
      pid: child.pid,
      exited: Promise.resolve({ code: null, signal: null, output: '' }),
      interrupt: () => undefined,
      kill: () => child.kill('SIGKILL'),
    };
    let settled = false;
    const done = (ok: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      out.end(() => resolve({ ok: ok && !timedOut, timedOut, stderr }));
    };
    child.on('error', (e) => {
      stderr += e.message;
      done(false);
    });
    child.on('close', (code) => done(code === 0));
  });
}

/**
 * Writes `perf script` output for `dataPath` to `outputPath`; returns notes about fallbacks.
 * Throws CaptureError('failed') when even plain `perf script` fails or writes nothing.
 */
export async function convertPerfData(
  perfPath: string,
  dataPath: string,
  outputPath: string,
  control: SessionControl,
  srclineTimeoutMs = DEFAULT_SRCLINE_TIMEOUT_MS,
): Promise<string[]> {
  const notes: string[] = [];
  const first = await runScript(
    perfPath,
    perfScriptArgs(dataPath, true),
    outputPath,
    srclineTimeoutMs,
    control,
  );
  if (control.cancelled) return notes;
  if (first.ok && (await fileSize(outputPath)) > 0) return notes;
  notes.push(
    first.timedOut
      ? `perf script -F +srcline took longer than ${Math.round(srclineTimeoutMs / 1000)} s; ` +
          'used plain perf script (functions only, no source lines).'
      : 'perf script -F +srcline failed; used plain perf script (functions only, no source lines).',
  );
  const second = await runScript(
    perfPath,
    perfScriptArgs(dataPath, false),
    outputPath,
    10 * srclineTimeoutMs,
    control,
  );
  if (control.cancelled) return notes;
  if (!second.ok || (await fileSize(outputPath)) === 0) {
    await removeQuietly(outputPath);
    throw new CaptureError(
      'no-output',
      second.ok ? 'perf recorded no samples.' : `perf script failed: ${second.stderr.trim()}`,
      ['Record for longer, or check that the target was busy on the CPU.'],
      first.stderr + second.stderr,
    );
  }
  return notes;
}
