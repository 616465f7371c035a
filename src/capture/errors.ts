// Every way a capture can fail, each with a message a user can act on. The editor turns
// `nextSteps` into buttons or log lines; the CLI prints them. Classification reads the tools'
// own words (py-spy 0.4 and perf 6.x wording, checked against real runs) because neither tool
// has distinct exit codes for these cases.

export type CaptureTool = 'py-spy' | 'perf';

export type CaptureErrorKind =
  | 'not-found'
  | 'permission'
  | 'perf-paranoid'
  | 'no-such-process'
  | 'not-python'
  | 'no-output'
  | 'failed'
  | 'cancelled';

export class CaptureError extends Error {
  constructor(
    readonly kind: CaptureErrorKind,
    message: string,
    readonly nextSteps: readonly string[] = [],
    /** The tool's own output, for the log. */
    readonly toolOutput = '',
  ) {
    super(message);
    this.name = 'CaptureError';
  }
}

export const PY_SPY_INSTALL = 'python -m pip install py-spy';

export function notFoundError(tool: CaptureTool, tried: readonly string[]): CaptureError {
  const where = tried.length > 0 ? ` Looked in: ${tried.join(', ')}.` : '';
  if (tool === 'py-spy') {
    return new CaptureError('not-found', `py-spy was not found.${where}`, [
      `Install it into the active Python environment: ${PY_SPY_INSTALL}`,
      'Or set hotspotLens.pySpy.path to the py-spy executable.',
    ]);
  }
  return new CaptureError('not-found', `perf was not found.${where}`, [
    'Install it (Debian/Ubuntu: apt-get install linux-perf, or linux-tools-$(uname -r)).',
    'Or set hotspotLens.perf.path to the perf executable.',
  ]);
}

/** The tool could not be started at all: not there (ENOENT) or not runnable (EACCES, ...). */
export function startFailedError(
  tool: CaptureTool,
  path: string,
  error: NodeJS.ErrnoException,
): CaptureError {
  if (error.code === 'ENOENT') return notFoundError(tool, [path]);
  return new CaptureError('failed', `Could not start ${path}: ${error.message}`);
}

export function noSuchProcessError(pid: number, output = ''): CaptureError {
  return new CaptureError(
    'no-such-process',
    `Process ${pid} does not exist (it may have exited).`,
    ['Pick a running process from the list again.'],
    output,
  );
}

const ptraceSteps = [
  'Attaching needs ptrace rights: see /proc/sys/kernel/yama/ptrace_scope (1 = only child processes; ' +
    'set it to 0 with `sudo sysctl kernel.yama.ptrace_scope=0`).',
  'Or give the tool CAP_SYS_PTRACE (in Docker: run the container with `--cap-add SYS_PTRACE`).',
  'Or run the capture with sudo in a terminal.',
];

const paranoidSteps = [
  'See /proc/sys/kernel/perf_event_paranoid: lower it with `sudo sysctl kernel.perf_event_paranoid=1` ' +
    '(or -1), or give perf CAP_PERFMON.',
  'Or run the capture with sudo in a terminal.',
];

/** Reads py-spy's stderr/stdout after it exited without a profile. */
export function classifyPySpyFailure(output: string, pid: number | undefined): CaptureError {
  if (/permission denied|operation not permitted|os error 1\b|os error 13\b/i.test(output)) {
    return new CaptureError(
      'permission',
      'py-spy was not allowed to read the target process (ptrace permission denied).',
      ptraceSteps,
      output,
    );
  }
  if (/Failed to get process executable name|No such process|os error 3\b/i.test(output)) {
    return noSuchProcessError(pid ?? 0, output);
  }
  if (
    /Failed to find python version|python interpreter|not a python|Failed to find python/i.test(
      output,
    )
  ) {
    const target = pid !== undefined ? `Process ${pid}` : 'The target';
    return new CaptureError(
      'not-python',
      `${target} is not a Python process (py-spy found no Python interpreter in it).`,
      [
        'Pick a Python process (they are listed first), or use "Record Native Profile (perf)" for native code.',
      ],
      output,
    );
  }
  return new CaptureError('failed', `py-spy failed: ${lastLine(output)}`, [], output);
}

/** Reads perf record's stderr after it exited without data. */
export function classifyPerfFailure(output: string, pid: number | undefined): CaptureError {
  if (/perf_event_paranoid/i.test(output)) {
    return new CaptureError(
      'perf-paranoid',
      'perf is not allowed to profile here (kernel.perf_event_paranoid).',
      paranoidSteps,
      output,
    );
  }
  if (/No such process/i.test(output) && pid !== undefined) return noSuchProcessError(pid, output);
  if (/Permission denied|Operation not permitted/i.test(output)) {
    return new CaptureError('permission', 'perf was not allowed to profile the target.', [
      ...paranoidSteps,
      ...ptraceSteps.slice(1),
    ]);
  }
  return new CaptureError('failed', `perf failed: ${lastLine(output)}`, [], output);
}

function lastLine(output: string): string {
  const lines = output
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !/^\d+: /.test(l) && !/^Stack backtrace/i.test(l));
  const error = lines.find((l) => /^Error:/.test(l));
  return error ?? lines[lines.length - 1] ?? 'no output';
}
