// Per-frame numbers for the differential flamegraph: every frame of the new profile carries the
// change of its function's self share, so the webview can colour the new profile's shape by
// change without knowing anything about the baseline.
import { functionKey } from '../attribution';
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
  const rows = new Map<string, Row>();
  for (const r of diff.rows) if (r.status !== 'removed') rows.set(r.key, r);
  return fill(rows, functionOfFrame);
}

type Row = { readonly delta: number; readonly baseShare: number };

function fill(rows: ReadonlyMap<string, Row>, functionOfFrame: readonly string[]): FrameDiff {
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

/**
 * The same numbers for the baseline's own shape ("toggle to the baseline's shape"): per frame of
 * the baseline, the change of its function. Rows name the baseline's file as `baseFile` when the
 * two captures spell it differently, so the baseline's key is rebuilt from that spelling; a
 * function only in the new profile has no frame here.
 */
export function baselineFrameDiff(
  diff: ProfileDiff,
  baseFunctionOfFrame: readonly string[],
): FrameDiff {
  const keyed = diff.rows
    .filter((r) => r.status !== 'added')
    .map((r): [string, Row] => [functionKey(r.name, r.baseFile ?? r.file), r]);
  return fill(new Map(keyed), baseFunctionOfFrame);
}
