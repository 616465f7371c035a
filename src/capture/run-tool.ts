import { spawn, type ChildProcess } from 'child_process';

// One run of py-spy or perf. The tool starts in its own process group (detached = setsid on
// POSIX) so that cancelling can kill it together with a command it launched, leaving no orphan;
// stopping early sends SIGINT to the tool alone, which is what py-spy and perf treat as Ctrl-C:
// they stop sampling, write the file, and end the command they launched themselves.

export interface ToolExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** stdout and stderr interleaved, capped (the tools' messages are short). */
  readonly output: string;
  /** Set when the tool could not be started at all (ENOENT, EACCES). */
  readonly spawnError?: NodeJS.ErrnoException;
}

export interface RunningTool {
  readonly pid: number | undefined;
  readonly exited: Promise<ToolExit>;
  /** SIGINT to the tool only: finish and write what was sampled. */
  interrupt(): void;
  /** SIGKILL to the tool's whole process group. */
  kill(): void;
}

export interface RunToolOptions {
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
}

const MAX_OUTPUT = 64 * 1024;

export function runTool(
  path: string,
  args: readonly string[],
  options: RunToolOptions = {},
): RunningTool {
  const windows = process.platform === 'win32';
  const child: ChildProcess = spawn(path, args, {
    cwd: options.cwd,
    env: options.env,
    detached: !windows,
    stdio: ['ignore', 'pipe', 'pipe'],
    windowsHide: true,
  });
  let output = '';
  const append = (chunk: Buffer) => {
    if (output.length < MAX_OUTPUT) output += chunk.toString('utf8');
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  let spawnError: NodeJS.ErrnoException | undefined;
  const exited = new Promise<ToolExit>((resolve) => {
    child.on('error', (e: NodeJS.ErrnoException) => {
      spawnError = e;
      // 'close' does not follow a failed spawn.
      if (child.pid === undefined) resolve({ code: null, signal: null, output, spawnError });
    });
    child.on('close', (code, signal) => resolve({ code, signal, output, spawnError }));
  });
  const signalGroup = (signal: NodeJS.Signals) => {
    if (child.pid === undefined) return;
    try {
      if (windows) child.kill(signal);
      else process.kill(-child.pid, signal);
    } catch {
      // Already gone.
    }
  };
  return {
    pid: child.pid,
    exited,
    interrupt() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
    },
    kill() {
      signalGroup('SIGKILL');
    },
  };
}
