// Argument arrays for py-spy and perf. Always arrays handed to spawn/execFile, never a shell
// string, so a command line with spaces, quotes or `;` reaches the tool unchanged.

export type CaptureTarget =
  | { readonly kind: 'pid'; readonly pid: number }
  | { readonly kind: 'command'; readonly command: string; readonly args: readonly string[] };

export interface PySpyOptions {
  /** Seconds to sample; undefined = until stopped (or the target exits). */
  readonly durationSeconds?: number;
  readonly rateHz?: number;
  readonly native?: boolean;
  readonly idle?: boolean;
  readonly gil?: boolean;
  readonly subprocesses?: boolean;
}

export type PerfCallGraph = 'fp' | 'dwarf';

export interface PerfOptions {
  readonly durationSeconds?: number;
  readonly rateHz?: number;
  /** `fp` = `perf record -g` (frame pointers); `dwarf` = `--call-graph dwarf` (no frame pointers needed, bigger files). */
  readonly callGraph?: PerfCallGraph;
}

/**
 * `py-spy record` writing speedscope JSON: unlike raw output it keeps each frame's full file
 * path, which path mapping needs (docs/formats.md §1.1).
 */
export function pySpyRecordArgs(
  target: CaptureTarget,
  outputPath: string,
  options: PySpyOptions = {},
): string[] {
  const args = ['record', '--format', 'speedscope', '--output', outputPath];
  if (options.durationSeconds !== undefined) {
    args.push('--duration', String(Math.max(1, Math.round(options.durationSeconds))));
  }
  if (options.rateHz !== undefined) args.push('--rate', String(Math.round(options.rateHz)));
  if (options.native) args.push('--native');
  if (options.idle) args.push('--idle');
  if (options.gil) args.push('--gil');
  if (options.subprocesses) args.push('--subprocesses');
  return [...args, ...targetArgs(target)];
}

/** `perf record` into a perf.data file; duration is enforced by the runner with SIGINT. */
export function perfRecordArgs(
  target: CaptureTarget,
  dataPath: string,
  options: PerfOptions = {},
): string[] {
  const args = ['record', '--output', dataPath];
  if (options.callGraph === 'dwarf') args.push('--call-graph', 'dwarf');
  else args.push('-g');
  args.push('-F', String(Math.round(options.rateHz ?? 99)));
  if (target.kind === 'pid') return [...args, '--pid', String(target.pid)];
  return [...args, '--', target.command, ...target.args];
}

/**
 * `perf script` text for the perf-script importer. With `srcline`, every frame is followed by its
 * `file:line` (full path, so it can be mapped to the workspace); that can be very slow on big
 * binaries, hence the plain fallback.
 */
export type PerfScriptMode = 'srcline' | 'srcline-short' | 'plain';

export function perfScriptArgs(dataPath: string, mode: PerfScriptMode): string[] {
  const args = ['script', '--input', dataPath];
  if (mode === 'plain') return args;
  // --full-source-path (perf >= 4.x) keeps the directory, so paths map to workspace files.
  return [...args, '-F', '+srcline', ...(mode === 'srcline' ? ['--full-source-path'] : [])];
}

function targetArgs(target: CaptureTarget): string[] {
  if (target.kind === 'pid') return ['--pid', String(target.pid)];
  return ['--', target.command, ...target.args];
}
