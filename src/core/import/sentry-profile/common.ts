import { ImportError } from '../../errors';
import type { Frame } from '../../model';

export type Json = Record<string, unknown>;

export function sentryError(reason: string): ImportError {
  return new ImportError('sentry', reason);
}

/**
 * A profile none of whose frames is application code by Sentry's verdict (`in_app`, or vroom's
 * rule where the SDK sent none) would light no line of the workspace: refused with the cause
 * and what to change. Frames without any verdict (other platforms) are not judged.
 */
export function checkInApp(frames: readonly Frame[]): void {
  if (frames.length === 0 || frames.some((f) => f.inApp !== false)) return;
  throw sentryError(
    `none of its ${frames.length} frames is application code (every frame has in_app false: ` +
      'the samples are all in libraries, the runtime or the SDK). Pick a period or transaction ' +
      "where your code ran, or tell the SDK which code is yours (sentry-sdk's in_app_include / " +
      'project_root; for Node, code outside node_modules counts as in-app).',
  );
}
