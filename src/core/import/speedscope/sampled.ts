import { BATCH, frameIndex, pause, profileError, type ProfileContext } from './context';

/**
 * Adds a `sampled` profile: `samples[i]` lists frame indices root first, `weights[i]` is its
 * weight. Consecutive samples usually share most of their stack (py-spy samples one thread
 * 100 times a second), so the previous sample's path is kept and only the differing suffix is
 * looked up in the builder's tree; nothing is allocated per sample.
 */
export async function addSampled(
  json: Record<string, unknown>,
  ctx: ProfileContext,
): Promise<void> {
  const { samples, weights } = json;
  if (!Array.isArray(samples)) throw profileError(ctx, '`samples` is not an array');
  if (!Array.isArray(weights)) throw profileError(ctx, '`weights` is not an array');
  if (weights.length !== samples.length) {
    throw profileError(
      ctx,
      `${samples.length} samples but ${weights.length} weights (they must pair up)`,
    );
  }
  const { builder, frames, timeline, thread, valueIndex, nanos } = ctx;
  const frameCount = frames.length;
  let pathFrames = new Int32Array(256);
  let pathNodes = new Int32Array(256);
  let pathDepth = 0;
  let time = ctx.startValue;
  let unwrapped = 0;
  timeline.startRun();
  for (let i = 0; i < samples.length; i++) {
    if (i > 0 && i % BATCH === 0) await pause(ctx.signal);
    const stack: unknown = samples[i];
    const weight: unknown = weights[i];
    if (!Array.isArray(stack))
      throw profileError(ctx, `sample ${i} is not an array of frame indices`);
    if (typeof weight !== 'number' || !Number.isFinite(weight)) {
      throw profileError(ctx, `sample ${i} has weight ${JSON.stringify(weight)}, not a number`);
    }
    if (stack.length > pathFrames.length) {
      const [f, n] = [new Int32Array(stack.length * 2), new Int32Array(stack.length * 2)];
      f.set(pathFrames);
      n.set(pathNodes);
      [pathFrames, pathNodes] = [f, n];
    }
    let node = 0;
    let shared = true;
    for (let d = 0; d < stack.length; d++) {
      const entry: unknown = stack[d];
      let index: number;
      if (typeof entry === 'number' && (entry | 0) === entry && entry >= 0 && entry < frameCount) {
        index = entry;
      } else if (
        Array.isArray(entry) &&
        entry.length === 1 &&
        frameIndex(entry[0], frameCount) >= 0
      ) {
        // A real exporter wrote `[[32]]` (one nesting level too many): unwrap, but say so.
        index = entry[0] as number;
        unwrapped++;
      } else {
        throw profileError(
          ctx,
          `sample ${i}, stack entry ${d} is ${JSON.stringify(entry)}, not a frame index ` +
            `(an integer below ${frameCount})`,
        );
      }
      const frame = frames.id(index);
      if (shared && d < pathDepth && pathFrames[d] === frame) {
        node = pathNodes[d];
        continue;
      }
      shared = false;
      node = builder.childNode(node, frame, thread);
      pathFrames[d] = frame;
      pathNodes[d] = node;
    }
    pathDepth = stack.length;
    builder.addWeight(node, weight, valueIndex);
    timeline.push(node, time * nanos);
    time += weight;
  }
  builder.countSamples(samples.length);
  if (unwrapped > 0) {
    builder.warn(
      `profile ${ctx.index} (${JSON.stringify(ctx.name)}): ${unwrapped} stack entries were ` +
        'nested arrays like [[32]]; read as the index inside',
    );
  }
}
