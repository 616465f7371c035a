// Per-frame numbers for the differential flamegraph: every frame of the new profile carries the
// change of its function's self share, so the webview can colour the new profile's shape by
// change without knowing anything about the baseline.
import type { ProfileDiff } from '../diff';

export interface FrameDiff {
  /** Per frame of the new profile: newShare − baseShare of its function, in points. */
  readonly delta: Float64Array;
  /** Per frame: the function's self share in the baseline (0 when it is new). */
  readonly baseShare: Float64Array;
}

/**
 * `functionOfFrame` is the new profile's attribution's (function key per frame id). Frames of
 * functions without weight have no row and get 0.
 */
export function frameDiff(diff: ProfileDiff, functionOfFrame: readonly string[]): FrameDiff {
  const rows = new Map<string, { delta: number; baseShare: number }>();
  for (const r of diff.rows) if (r.status !== 'removed') rows.set(r.key, r);
  const delta = new Float64Array(functionOfFrame.length);
  const baseShare = new Float64Array(functionOfFrame.length);
  functionOfFrame.forEach((key, f) => {
    const r = rows.get(key);
    if (!r) return;
    delta[f] = r.delta;
    baseShare[f] = r.baseShare;
  });
  return { delta, baseShare };
}
