// Pairs the functions of a baseline with those of a new profile. A function is a name within a
// file; lines are ignored because the fix being measured usually moved them. The two captures
// often come from different checkouts or machines (/srv/app/x.py against /home/me/app/x.py), so
// files that differ only in their leading directories are paired when the pairing is unambiguous.
import type { FunctionStat } from '../attribution';

export interface FunctionPair {
  readonly base?: FunctionStat;
  readonly next?: FunctionStat;
}

/** `/`-separated components, so Windows and POSIX spellings of one path compare equal. */
function components(file: string): string[] {
  return file
    .replace(/\\/g, '/')
    .split('/')
    .filter((s) => s !== '' && s !== '.');
}

/** How many trailing path components two files share (1 = the base name only). */
function commonSuffix(a: string[], b: string[]): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}

/**
 * Every function of either side, paired where possible: first by exact (name, file), then within
 * each (name, base name) group by the longest shared path suffix. A pair is taken only when its
 * suffix is strictly longer than that of any other candidate for either member, so two equally
 * good candidates stay unpaired (reported as removed and added) instead of being guessed.
 */
export function pairFunctions(
  base: readonly FunctionStat[],
  next: readonly FunctionStat[],
): FunctionPair[] {
  const pairs: FunctionPair[] = [];
  const nextByKey = new Map(next.map((f) => [f.key, f]));
  const unmatchedBase: FunctionStat[] = [];
  for (const b of base) {
    const n = nextByKey.get(b.key);
    if (n) {
      pairs.push({ base: b, next: n });
      nextByKey.delete(b.key);
    } else unmatchedBase.push(b);
  }
  const groups = new Map<string, { base: FunctionStat[]; next: FunctionStat[] }>();
  const groupOf = (f: FunctionStat) => {
    const parts = components(f.file ?? '');
    // Functions without a file were only ever matched exactly.
    if (parts.length === 0) return undefined;
    const key = `${f.name}\u0000${parts[parts.length - 1]}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { base: [], next: [] }));
    return g;
  };
  const leftBase = unmatchedBase.filter((b) => {
    const g = groupOf(b);
    g?.base.push(b);
    return g === undefined;
  });
  const leftNext = [...nextByKey.values()].filter((n) => {
    const g = groupOf(n);
    g?.next.push(n);
    return g === undefined;
  });
  for (const g of groups.values()) {
    const taken = pairBySuffix(g.base, g.next);
    pairs.push(...taken);
    const used = new Set(taken.flatMap((p) => [p.base!, p.next!]));
    leftBase.push(...g.base.filter((b) => !used.has(b)));
    leftNext.push(...g.next.filter((n) => !used.has(n)));
  }
  for (const b of leftBase) pairs.push({ base: b });
  for (const n of leftNext) pairs.push({ next: n });
  return pairs;
}

/** Greedy pairing by shared suffix length; groups are tiny, so the cubic loop is fine. */
function pairBySuffix(base: FunctionStat[], next: FunctionStat[]): FunctionPair[] {
  const b = base.map((f) => components(f.file!));
  const n = next.map((f) => components(f.file!));
  const score = b.map((bc) => n.map((nc) => commonSuffix(bc, nc)));
  const bFree = base.map(() => true);
  const nFree = next.map(() => true);
  const pairs: FunctionPair[] = [];
  for (;;) {
    let found: [number, number] | undefined;
    for (let i = 0; i < base.length && !found; i++) {
      for (let j = 0; j < next.length && !found; j++) {
        if (!bFree[i] || !nFree[j]) continue;
        const s = score[i][j];
        const rivalNext = next.some((_, k) => k !== j && nFree[k] && score[i][k] >= s);
        const rivalBase = base.some((_, k) => k !== i && bFree[k] && score[k][j] >= s);
        if (!rivalNext && !rivalBase) found = [i, j];
      }
    }
    if (!found) return pairs;
    const [i, j] = found;
    bFree[i] = nFree[j] = false;
    pairs.push({ base: base[i], next: next[j] });
  }
}
