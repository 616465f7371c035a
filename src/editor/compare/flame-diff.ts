// The differential flamegraph's data: the loaded profile's FlameData plus, while a comparison
// applies to it, the per-frame change of each function's self share (protocol.ts `frameDelta`).
import { frameDiff } from '../../core/diff/frame-diff';
import type { FlameData } from '../../protocol';
import type { LoadedProfile } from '../loaded-profile';
import { compareState, type ActiveComparison } from './compare-state';

const cache = new WeakMap<ActiveComparison, WeakMap<FlameData, FlameData>>();

/** `flame` unchanged when no comparison applies to `loaded`; otherwise a copy with the diff. */
export function withCompareDiff(flame: FlameData, loaded: LoadedProfile): FlameData {
  const active = compareState.for(loaded);
  if (!active) return flame;
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
