import { perfRecordArgs, type PerfOptions } from './args';
import { classifyPerfFailure, startFailedError } from './errors';
import { fileSize, removeQuietly } from './output';
import { convertPerfData, DEFAULT_SRCLINE_TIMEOUT_MS } from './perf-script';
import {
  cancelledError,
  captureSession,
  startRecording,
  TARGET_EXITED_NOTE,
  type CaptureRequest,
  type CaptureResult,
  type CaptureSession,
} from './session';

export interface PerfCaptureRequest extends CaptureRequest<PerfOptions> {
  /** The `perf script` text file to write; perf.data goes next to it and is removed after. */
  readonly outputPath: string;
  readonly srclineTimeoutMs?: number;
}

/** Starts `perf record`, then converts its data with `perf script` into `outputPath`. */
export function startPerfCapture(request: PerfCaptureRequest): CaptureSession {
  const { tool, target, outputPath } = request;
  const dataPath = `${outputPath}.data`;
  const args = perfRecordArgs(target, dataPath, request.options);
  const { control, running, startedAt, pid } = startRecording(request, args);
  control.stopAfter(request.options?.durationSeconds);

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
