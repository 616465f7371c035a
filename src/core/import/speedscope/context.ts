import type { ProfileBuilder } from '../../builder';
import { ImportError, throwIfAborted } from '../../errors';
import type { FrameTable } from './frames';
import type { TimelineCollector } from './timeline';

/** Everything the sampled/evented readers need about the profile they are adding. */
export interface ProfileContext {
  readonly builder: ProfileBuilder;
  readonly frames: FrameTable;
  readonly timeline: TimelineCollector;
  /** Index of the profile in the file's `profiles` array, and its name, for messages. */
  readonly index: number;
  readonly name: string;
  readonly thread: number;
  readonly valueIndex: number;
  /** Nanoseconds per unit for the timeline; 1 when the unit is not time (kept as is). */
  readonly nanos: number;
  readonly startValue: number;
  readonly signal?: AbortSignal;
}

export function profileError(ctx: ProfileContext, message: string): ImportError {
  return new ImportError(
    'speedscope',
    `profile ${ctx.index} (${JSON.stringify(ctx.name)}): ${message}`,
  );
}

/** Items handled between two AbortSignal checks and event-loop turns. */
export const BATCH = 1 << 16;

export async function pause(signal: AbortSignal | undefined): Promise<void> {
  throwIfAborted(signal);
  await new Promise<void>((resolve) => setImmediate(resolve));
  throwIfAborted(signal);
}

/** A valid frame index (an integer in range), or -1. */
export function frameIndex(value: unknown, frameCount: number): number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < frameCount
    ? value
    : -1;
}
