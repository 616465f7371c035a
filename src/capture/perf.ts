import { perfRecordArgs, type CaptureTarget, type PerfOptions } from './args';
import type { FoundTool } from './discovery';
import { classifyPerfFailure, noSuchProcessError, startFailedError } from './errors';
import { fileSize, removeQuietly } from './output';
import { convertPerfData, DEFAULT_SRCLINE_TIMEOUT_MS } from './perf-script';
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

export interface PerfCaptureRequest {
  readonly tool: FoundTool;
  readonly target: CaptureTarget;
  /** The `perf script` text file to write; perf.data goes next to it and is removed after. */
  readonly outputPath: string;
  readonly options?: PerfOptions;
  readonly srclineTimeoutMs?: number;
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
}

/** Starts `perf record`, then converts its data with `perf script` into `outputPath`. */
export function startPerfCapture(request: PerfCaptureRequest): CaptureSession {
  const { tool, target, outputPath } = request;
  if (target.kind === 'pid' && !processExists(target.pid)) throw noSuchProcessError(target.pid);
  const dataPath = `${outputPath}.data`;
  const control = new SessionControl();
  const running = runTool(tool.path, perfRecordArgs(target, dataPath, request.options), {
    cwd: request.cwd,
    env: request.env,
  });
  control.current = running;
  control.stopAfter(request.options?.durationSeconds);
  const startedAt = Date.now();
  const pid = target.kind === 'pid' ? target.pid : undefined;

  const result = (async (): Promise<CaptureResult> => {
    try {
      const exit = await running.exited;
      control.clearTimer();
      if (control.cancelled) throw cancelledError();
      if (exit.spawnError) throw startFailedError('perf', tool.path, exit.spawnError);
      // 255 is perf's own failure (it returns the command's status otherwise); a file may exist
      // then, with a header and no data.
      const failed = exit.code === 255 && !control.stopped && !control.durationReached;
      if (failed || (await fileSize(dataPath)) === 0) throw classifyPerfFailure(exit.output, pid);
      // perf record -p ends on its own only when the process is gone.
      const targetExited = pid !== undefined && !control.stopped && !control.durationReached;
      const notes = await convertPerfData(
        tool.path,
        dataPath,
        outputPath,
        control,
        request.srclineTimeoutMs ?? DEFAULT_SRCLINE_TIMEOUT_MS,
      );
      if (control.cancelled) throw cancelledError();
      if (targetExited) notes.unshift(TARGET_EXITED_NOTE);
      return {
        outputPath,
        tool,
        stoppedEarly: control.stopped,
        targetExited,
        notes,
        toolOutput: exit.output,
      };
    } catch (e) {
      await removeQuietly(outputPath);
      throw e;
    } finally {
      await removeQuietly(dataPath);
      // Also the `.old` copy perf makes when the data file already existed.
      await removeQuietly(`${dataPath}.old`);
      control.finish();
    }
  })();
  return captureSession(request, startedAt, control, result);
}
