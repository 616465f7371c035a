import type { CaptureTarget } from './args';
import type { FoundTool } from './discovery';
import { CaptureError, noSuchProcessError } from './errors';
import { processExists } from './processes';
import { runTool, type RunningTool } from './run-tool';

// What the editor and the CLI hold while a capture runs: stop (keep the samples), cancel
// (discard everything), and a promise of the finished file.

/** What both runners are asked: the tool, whom to record, where to, and the tool's options. */
export interface CaptureRequest<Options> {
  readonly tool: FoundTool;
  readonly target: CaptureTarget;
  readonly outputPath: string;
  readonly options?: Options;
  /** Working directory of a launched command. */
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
}

export interface CaptureResult {
  readonly outputPath: string;
  readonly tool: FoundTool;
  /** Ended by stop() before its duration. */
  readonly stoppedEarly: boolean;
  /** The attached process ended during the capture; the file holds what was recorded until then. */
  readonly targetExited: boolean;
  /** Things worth telling the user (fallbacks taken, early exit). */
  readonly notes: readonly string[];
  /** The tools' own output, for the log. */
  readonly toolOutput: string;
}

export interface CaptureSession {
  readonly tool: FoundTool;
  readonly outputPath: string;
  /** Date.now() when the tool started. */
  readonly startedAt: number;
  readonly durationSeconds: number | undefined;
  /** Resolves with the file, or rejects with a CaptureError (kind 'cancelled' after cancel()). */
  readonly result: Promise<CaptureResult>;
  /** Ends the capture early and keeps what was sampled. */
  stop(): void;
  /** Kills the tool and anything it launched, deletes the partial file; resolves when done. */
  cancel(): Promise<void>;
}

export const TARGET_EXITED_NOTE =
  'The process exited during the capture; the profile holds what was recorded until then.';

export function cancelledError(): CaptureError {
  return new CaptureError('cancelled', 'Capture cancelled; nothing was saved.');
}

/** Shared stop/cancel state of one session; `current` is the tool running right now. */
export class SessionControl {
  stopped = false;
  cancelled = false;
  durationReached = false;
  current: RunningTool | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly waiters: (() => void)[] = [];
  private finished = false;

  stop(): void {
    if (this.stopped || this.cancelled) return;
    this.stopped = true;
    this.current?.interrupt();
  }

  cancel(): Promise<void> {
    if (this.finished) return Promise.resolve();
    this.cancelled = true;
    this.clearTimer();
    this.current?.kill();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** SIGINT after `seconds`, for tools without a duration option of their own (perf). */
  stopAfter(seconds: number | undefined): void {
    if (seconds === undefined) return;
    this.timer = setTimeout(() => {
      this.durationReached = true;
      this.current?.interrupt();
    }, seconds * 1000);
  }

  clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Called once the session settled and every file it owns is in its final state. */
  finish(): void {
    this.finished = true;
    this.clearTimer();
    for (const resolve of this.waiters.splice(0)) resolve();
  }
}

/**
 * Starts the recording tool with `args` under a new SessionControl. Throws a CaptureError right
 * away when the target PID does not exist, before anything is spawned.
 */
export function startRecording(request: CaptureRequest<unknown>, args: readonly string[]) {
  const { target } = request;
  if (target.kind === 'pid' && !processExists(target.pid)) throw noSuchProcessError(target.pid);
  const control = new SessionControl();
  const running = runTool(request.tool.path, args, { cwd: request.cwd, env: request.env });
  control.current = running;
  const startedAt = Date.now();
  const pid = target.kind === 'pid' ? target.pid : undefined;
  return { control, running, startedAt, pid };
}

/**
 * The session handle for a running capture. `result` is observed here so that a cancelled or
 * failed capture is reported through it without ever being an unhandled rejection.
 */
export function captureSession(
  request: CaptureRequest<{ readonly durationSeconds?: number }>,
  startedAt: number,
  control: SessionControl,
  result: Promise<CaptureResult>,
): CaptureSession {
  result.catch(() => undefined);
  return {
    tool: request.tool,
    outputPath: request.outputPath,
    startedAt,
    durationSeconds: request.options?.durationSeconds,
    result,
    stop: () => control.stop(),
    cancel: () => control.cancel(),
  };
}
