import { BATCH, frameIndex, pause, profileError, type ProfileContext } from './context';

/**
 * Adds an `evented` profile: `O`(pen)/`C`(lose) events with times `at`. The time between two
 * consecutive events is self weight of the innermost open frame (speedscope's
 * CallTreeProfileBuilder). Events must nest and `at` must not decrease; speedscope rejects such
 * files ("incomplete trace", "out of order"), and so do we, with the event that breaks the rule.
 * meta.sampleRecords counts the `O` events: each is one recorded call.
 */
export async function addEvented(
  json: Record<string, unknown>,
  ctx: ProfileContext,
): Promise<void> {
  const { events } = json;
  if (!Array.isArray(events)) throw profileError(ctx, '`events` is not an array');
  const { builder, frames, timeline, thread, valueIndex, nanos } = ctx;
  let openFrames = new Int32Array(256);
  let openNodes = new Int32Array(256);
  let depth = 0;
  let opens = 0;
  let last = events.length > 0 ? Number((events[0] as { at?: unknown })?.at) : 0;
  timeline.startRun();
  for (let i = 0; i < events.length; i++) {
    if (i > 0 && i % BATCH === 0) await pause(ctx.signal);
    const event = events[i] as { type?: unknown; frame?: unknown; at?: unknown } | null;
    const at = event?.at;
    const index = frameIndex(event?.frame, frames.length);
    if (typeof at !== 'number' || !Number.isFinite(at)) {
      throw profileError(ctx, `event ${i} has no numeric \`at\` time`);
    }
    if (index < 0) {
      throw profileError(
        ctx,
        `event ${i} refers to frame ${JSON.stringify(event?.frame)}, not a frame index`,
      );
    }
    if (at < last) {
      throw profileError(
        ctx,
        `event ${i} is out of order: at ${at} comes after an event at ${last} (times must not decrease)`,
      );
    }
    if (at > last) {
      const node = depth > 0 ? openNodes[depth - 1] : 0;
      if (depth > 0) builder.addWeight(node, at - last, valueIndex);
      timeline.push(node, last * nanos);
      last = at;
    }
    if (event?.type === 'O') {
      if (depth >= openFrames.length) {
        const [f, n] = [new Int32Array(depth * 2), new Int32Array(depth * 2)];
        f.set(openFrames);
        n.set(openNodes);
        [openFrames, openNodes] = [f, n];
      }
      const parent = depth > 0 ? openNodes[depth - 1] : 0;
      openFrames[depth] = index;
      openNodes[depth++] = builder.childNode(parent, frames.id(index), thread);
      opens++;
    } else if (event?.type === 'C') {
      if (depth === 0 || openFrames[depth - 1] !== index) {
        const open =
          depth === 0
            ? 'no frame is open'
            : `frame ${frames.describe(openFrames[depth - 1])} is the innermost open frame`;
        throw profileError(
          ctx,
          `event ${i} closes frame ${frames.describe(index)} but ${open} (O/C events must nest)`,
        );
      }
      depth--;
    } else {
      throw profileError(ctx, `event ${i} has type ${JSON.stringify(event?.type)}, not "O" or "C"`);
    }
  }
  if (depth > 0) {
    throw profileError(
      ctx,
      `the events end with ${depth} frame(s) still open, innermost ${frames.describe(openFrames[depth - 1])} ` +
        '(incomplete trace: every O event needs a matching C event)',
    );
  }
  builder.countSamples(opens);
}
