// Callers and callees of one function with their inclusive weight. Callers come from core's
// callersOf; callees are counted here from the outermost call only, so recursion (a→b→a→c)
// never counts a callee twice in one sample.
import { callersOf, childIndex } from '../core/attribution';
import type { LoadedProfile } from './loaded-profile';

export interface Edge {
  readonly key: string;
  readonly total: number;
}

export function callers(p: LoadedProfile, key: string): Edge[] {
  return callersOf(p.profile, p.attribution, key, p.valueIndex);
}

export function callees(p: LoadedProfile, key: string): Edge[] {
  const profile = p.profile;
  const fnOf = p.attribution.functionOfFrame;
  const totalW = profile.nodeTotal[p.valueIndex];
  const { start, list } = childIndex(profile);
  const sums = new Map<string, number>();
  // Iterative DFS keeping how many calls of `key` are on the stack (~node marks leaving a node).
  let depth = 0;
  const work: number[] = [];
  for (let c = start[0]; c < start[1]; c++) work.push(list[c]);
  while (work.length > 0) {
    const item = work.pop()!;
    if (item < 0) {
      if (fnOf[profile.nodeFrame[~item]] === key) depth--;
      continue;
    }
    const own = fnOf[profile.nodeFrame[item]] === key;
    if (own) depth++;
    work.push(~item);
    for (let c = start[item]; c < start[item + 1]; c++) {
      const child = list[c];
      if (own && depth === 1) {
        const k = fnOf[profile.nodeFrame[child]];
        if (k !== key) sums.set(k, (sums.get(k) ?? 0) + totalW[child]);
      }
      work.push(child);
    }
  }
  return [...sums.entries()]
    .map(([k, total]) => ({ key: k, total }))
    .sort((a, b) => b.total - a.total);
}
