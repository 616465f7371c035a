import { spawn } from 'child_process';
import { createWriteStream } from 'fs';
import { perfScriptArgs, type PerfScriptMode } from './args';
import { CaptureError } from './errors';
import { fileSize, removeQuietly } from './output';
import type { SessionControl } from './session';

// perf.data → `perf script` text. `-F +srcline` resolves every frame to file:line through
// addr2line, which is what line heat needs but can take minutes on large binaries (or fail on an
// old perf), so it runs under a time limit and falls back to plain `perf script`.

export const DEFAULT_SRCLINE_TIMEOUT_MS = 60_000;
/** Plain `perf script` only walks the recorded samples; this limit is only against a hang. */
const PLAIN_TIMEOUT_MS = 10 * 60_000;

function seconds(ms: number): string {
  return ms < 10_000 ? `${ms / 1000} s` : `${Math.round(ms / 1000)} s`;
}

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
  const run = (mode: PerfScriptMode, timeoutMs: number) =>
    runScript(perfPath, perfScriptArgs(dataPath, mode), outputPath, timeoutMs, control);
  let first = await run('srcline', srclineTimeoutMs);
  // An older perf without --full-source-path fails at once: try srcline with short names.
  if (!first.ok && !first.timedOut && !control.cancelled) {
    first = await run('srcline-short', srclineTimeoutMs);
  }
  if (control.cancelled) return notes;
  if (first.ok && (await fileSize(outputPath)) > 0) return notes;
  notes.push(
    first.timedOut
      ? `perf script -F +srcline took longer than ${seconds(srclineTimeoutMs)}; ` +
          'used plain perf script (functions only, no source lines).'
      : 'perf script -F +srcline failed; used plain perf script (functions only, no source lines).',
  );
  const second = await run('plain', PLAIN_TIMEOUT_MS);
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
