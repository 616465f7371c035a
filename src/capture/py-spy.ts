import { pySpyRecordArgs, type PySpyOptions } from './args';
import { classifyPySpyFailure, startFailedError } from './errors';
import { fileSize, removeQuietly } from './output';
import {
  cancelledError,
  captureSession,
  startRecording,
  TARGET_EXITED_NOTE,
  type CaptureRequest,
  type CaptureResult,
  type CaptureSession,
} from './session';

export type PySpyCaptureRequest = CaptureRequest<PySpyOptions>;

/**
 * Starts `py-spy record`. Throws a CaptureError right away when the PID does not exist (py-spy's
 * own message for that is "Failed to get process executable name").
 */
export function startPySpyCapture(request: PySpyCaptureRequest): CaptureSession {
  const { tool, target, outputPath } = request;
  const args = pySpyRecordArgs(target, outputPath, request.options);
  const { control, running, startedAt, pid } = startRecording(request, args);

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
