import { frameLabel, type Profile } from './model';

/**
 * The profile as Brendan Gregg's collapsed stacks ("root;caller;leaf weight"), one line per
 * distinct stack, sorted. Used as the golden-file oracle in tests and for export.
 * Threads are merged; a frame is shown as `name (file:line)` when it has a file.
 */
export function toCollapsed(profile: Profile, valueIndex = profile.defaultValue): string {
  const sums = new Map<string, number>();
  const labels = profile.frames.map(frameLabel);
  const self = profile.nodeSelf[valueIndex];
  const path: string[] = new Array(profile.nodeCount);
  path[0] = '';
  for (let n = 1; n < profile.nodeCount; n++) {
    const parentPath = path[profile.nodeParent[n]];
    const label = labels[profile.nodeFrame[n]];
    path[n] = parentPath === '' ? label : `${parentPath};${label}`;
  }
  for (let n = 0; n < profile.nodeCount; n++) {
    if (self[n] === 0) continue;
    sums.set(path[n], (sums.get(path[n]) ?? 0) + self[n]);
  }
  return [...sums.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([stack, weight]) => `${stack} ${formatWeight(weight)}`)
    .join('\n')
    .concat(sums.size > 0 ? '\n' : '');
}

function formatWeight(w: number): string {
  return Number.isInteger(w) ? String(w) : String(Number(w.toPrecision(12)));
}
