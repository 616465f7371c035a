import { pySpyRecordArgs, type CaptureTarget, type PySpyOptions } from './args';
import type { FoundTool } from './discovery';
import { classifyPySpyFailure, noSuchProcessError, startFailedError } from './errors';
import { fileSize, removeQuietly } from './output';
import { processExists } from './processes';
import { runTool } from './run-tool';
import {
  cancelledError,
  captureSession,
  SessionControl,
  TARGET_EXITED_NOTE,
  type CaptureResult,
  type CaptureSession,
} from './session';

export interface PySpyCaptureRequest {
  readonly tool: FoundTool;
  readonly target: CaptureTarget;
  readonly outputPath: string;
  readonly options?: PySpyOptions;
  /** Working directory of a launched command. */
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * Starts `py-spy record`. Throws a CaptureError right away when the PID does not exist (py-spy's
 * own message for that is "Failed to get process executable name").
 */
export function startPySpyCapture(request: PySpyCaptureRequest): CaptureSession {
  const { tool, target, outputPath } = request;
  if (target.kind === 'pid' && !processExists(target.pid)) throw noSuchProcessError(target.pid);
  const control = new SessionControl();
  const args = pySpyRecordArgs(target, outputPath, request.options);
  const running = runTool(tool.path, args, { cwd: request.cwd, env: request.env });
  control.current = running;
  const startedAt = Date.now();
  const pid = target.kind === 'pid' ? target.pid : undefined;

  const result = (async (): Promise<CaptureResult> => {
    try {
      const exit = await running.exited;
      if (control.cancelled) {
        await removeQuietly(outputPath);
        throw cancelledError();
      }
      if (exit.spawnError) throw startFailedError('py-spy', tool.path, exit.spawnError);
      if ((await fileSize(outputPath)) === 0) {
        await removeQuietly(outputPath);
        throw classifyPySpyFailure(exit.output, pid);
      }
      // py-spy says so on stdout; it also ends (with the file) when a launched command ends.
      const targetExited = pid !== undefined && /process exited/i.test(exit.output);
      return {
        outputPath,
        tool,
        stoppedEarly: control.stopped,
        targetExited,
        notes: targetExited ? [TARGET_EXITED_NOTE] : [],
        toolOutput: exit.output,
      };
    } finally {
      control.finish();
    }
  })();
  return captureSession(request, startedAt, control, result);
}
