// The differential flamegraph's data: the loaded profile's FlameData plus, while a comparison
// applies to it, the per-frame change of each function's self share (protocol.ts `frameDelta`),
// and the baseline's own FlameData coloured by the same change (the webview's shape toggle).
import { attribute } from '../../core/attribution';
import { baselineFrameDiff, frameDiff } from '../../core/diff/frame-diff';
import { toFlameData } from '../../core/layout/flame-data';
import type { FlameData } from '../../protocol';
import type { LoadedProfile } from '../loaded-profile';
import type { ActiveComparison } from './compare-state';

const cache = new WeakMap<ActiveComparison, WeakMap<FlameData, FlameData>>();
const baselineCache = new WeakMap<ActiveComparison, FlameData>();

/** `flame` with the per-frame change of comparison `active` (made for `loaded`). */
export function withCompareDiff(
  flame: FlameData,
  loaded: LoadedProfile,
  active: ActiveComparison,
): FlameData {
  let perFlame = cache.get(active);
  if (!perFlame) cache.set(active, (perFlame = new WeakMap()));
  let out = perFlame.get(flame);
  if (!out) {
    const d = frameDiff(active.diff, loaded.attribution.functionOfFrame);
    out = {
      ...flame,
      frameDelta: d.delta,
      frameBaseShare: d.baseShare,
      diffBaseline: active.baselineName,
    };
    perFlame.set(flame, out);
  }
  return out;
}

/**
 * The baseline's shape for the webview's toggle, for comparison `active` of `loaded`: its own
 * frames on the diff's baseline value type, coloured by the same per-function change, so
 * functions that disappeared (often the fix itself) are visible. Built once per comparison.
 */
export function baselineFlame(loaded: LoadedProfile, active: ActiveComparison): FlameData {
  let out = baselineCache.get(active);
  if (!out) {
    const { baseline, diff } = active;
    const frames = baseline.frames;
    const flame = toFlameData(baseline, diff.baseValueIndex, (id) => {
      const file = frames[id].file;
      return file !== undefined && loaded.resolve(file) !== undefined;
    });
    const fnOf = attribute(baseline, diff.baseValueIndex).functionOfFrame;
    const d = baselineFrameDiff(diff, fnOf);
    out = {
      ...flame,
      frameDelta: d.delta,
      frameBaseShare: d.baseShare,
      diffBaseline: active.baselineName,
    };
    baselineCache.set(active, out);
  }
  return out;
}
