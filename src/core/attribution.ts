import type { Profile } from './model';

/** Self and inclusive weight of one frame, function or source line, in the value's unit. */
export interface Weighted {
  readonly self: number;
  readonly total: number;
}

export interface FunctionStat extends Weighted {
  /** `name\0file`: a function is a name within a file (all its lines grouped). */
  readonly key: string;
  readonly name: string;
  readonly file?: string;
  /** Lowest line seen for the function (a hint; the def line comes from mapping/functions). */
  readonly firstLine?: number;
  readonly frameIds: readonly number[];
}

export interface LineStat extends Weighted {
  readonly key: string;
  readonly file: string;
  readonly line: number;
}

export interface FrameStat extends Weighted {
  readonly frame: number;
}

export interface Attribution {
  readonly valueIndex: number;
  /** Signed sum of all samples for the value type (the denominator of every percentage). */
  readonly total: number;
  readonly byFrame: readonly FrameStat[];
  readonly byFunction: readonly FunctionStat[];
  readonly byLine: readonly LineStat[];
  /** Function key of every frame id. */
  readonly functionOfFrame: readonly string[];
}

export function functionKey(name: string, file: string | undefined): string {
  return `${name}\u0000${file ?? ''}`;
}

export function lineKey(file: string, line: number): string {
  return `${file}\u0000${line}`;
}

/** Children of every node in CSR form, so the tree can be walked depth-first without recursion. */
export function childIndex(profile: Profile): { start: Int32Array; list: Int32Array } {
  const n = profile.nodeCount;
  const start = new Int32Array(n + 1);
  for (let i = 1; i < n; i++) start[profile.nodeParent[i] + 1]++;
  for (let i = 0; i < n; i++) start[i + 1] += start[i];
  const fill = start.slice(0, n);
  const list = new Int32Array(Math.max(0, n - 1));
  for (let i = 1; i < n; i++) list[fill[profile.nodeParent[i]]++] = i;
  return { start, list };
}

/**
 * Self and total weight per frame, per function (name + file) and per (file, line).
 * Inclusive weight counts a frame, function or line once per sample even when it appears
 * several times on the stack, so recursion (fib, ackermann) does not inflate it: a node adds its
 * total only when no ancestor has the same id.
 */
export function attribute(
  profile: Profile,
  valueIndex = profile.defaultValue,
  thread?: number,
): Attribution {
  const frameCount = profile.frames.length;
  const fnIndex = new Map<string, number>();
  const fnOfFrame = new Int32Array(frameCount);
  const fnKeys: string[] = [];
  const lnIndex = new Map<string, number>();
  const lnOfFrame = new Int32Array(frameCount).fill(-1);
  const lnKeys: { key: string; file: string; line: number }[] = [];
  profile.frames.forEach((frame, id) => {
    const fk = functionKey(frame.name, frame.file);
    let f = fnIndex.get(fk);
    if (f === undefined) {
      f = fnKeys.length;
      fnKeys.push(fk);
      fnIndex.set(fk, f);
    }
    fnOfFrame[id] = f;
    if (frame.file !== undefined && frame.line !== undefined) {
      const lk = lineKey(frame.file, frame.line);
      let l = lnIndex.get(lk);
      if (l === undefined) {
        l = lnKeys.length;
        lnKeys.push({ key: lk, file: frame.file, line: frame.line });
        lnIndex.set(lk, l);
      }
      lnOfFrame[id] = l;
    }
  });

  const selfW = profile.nodeSelf[valueIndex];
  const totalW = profile.nodeTotal[valueIndex];
  const frameSelf = new Float64Array(frameCount);
  const frameTotal = new Float64Array(frameCount);
  const fnSelf = new Float64Array(fnKeys.length);
  const fnTotal = new Float64Array(fnKeys.length);
  const lnSelf = new Float64Array(lnKeys.length);
  const lnTotal = new Float64Array(lnKeys.length);
  const frameOnStack = new Int32Array(frameCount);
  const fnOnStack = new Int32Array(fnKeys.length);
  const lnOnStack = new Int32Array(lnKeys.length);

  const { start, list } = childIndex(profile);
  // Iterative DFS: a positive entry enters a node, a negative one (~node) leaves it.
  const work: number[] = [];
  for (let c = start[0]; c < start[1]; c++) {
    const child = list[c];
    if (thread === undefined || profile.nodeThread[child] === thread) work.push(child);
  }
  // Samples with an empty stack weigh on the root itself; they belong to no thread.
  let total = thread === undefined ? selfW[0] : 0;
  while (work.length > 0) {
    const item = work.pop()!;
    if (item < 0) {
      const node = ~item;
      const frame = profile.nodeFrame[node];
      frameOnStack[frame]--;
      fnOnStack[fnOfFrame[frame]]--;
      const l = lnOfFrame[frame];
      if (l >= 0) lnOnStack[l]--;
      continue;
    }
    const node = item;
    const frame = profile.nodeFrame[node];
    const fn = fnOfFrame[frame];
    const l = lnOfFrame[frame];
    const t = totalW[node];
    const s = selfW[node];
    if (profile.nodeDepth[node] === 1) total += t;
    if (frameOnStack[frame]++ === 0) frameTotal[frame] += t;
    if (fnOnStack[fn]++ === 0) fnTotal[fn] += t;
    frameSelf[frame] += s;
    fnSelf[fn] += s;
    if (l >= 0) {
      if (lnOnStack[l]++ === 0) lnTotal[l] += t;
      lnSelf[l] += s;
    }
    work.push(~node);
    for (let c = start[node]; c < start[node + 1]; c++) work.push(list[c]);
  }

  const byFrame: FrameStat[] = [];
  for (let f = 0; f < frameCount; f++) {
    if (frameSelf[f] !== 0 || frameTotal[f] !== 0)
      byFrame.push({ frame: f, self: frameSelf[f], total: frameTotal[f] });
  }
  const fnFrames: number[][] = fnKeys.map(() => []);
  const fnFirstLine: (number | undefined)[] = fnKeys.map(() => undefined);
  profile.frames.forEach((frame, id) => {
    const f = fnOfFrame[id];
    fnFrames[f].push(id);
    if (frame.line !== undefined && (fnFirstLine[f] === undefined || frame.line < fnFirstLine[f]!))
      fnFirstLine[f] = frame.line;
  });
  const byFunction: FunctionStat[] = [];
  fnKeys.forEach((key, f) => {
    if (fnSelf[f] === 0 && fnTotal[f] === 0) return;
    const first = profile.frames[fnFrames[f][0]];
    byFunction.push({
      key,
      name: first.name,
      file: first.file,
      firstLine: fnFirstLine[f],
      frameIds: fnFrames[f],
      self: fnSelf[f],
      total: fnTotal[f],
    });
  });
  const byLine: LineStat[] = [];
  lnKeys.forEach((k, l) => {
    if (lnSelf[l] !== 0 || lnTotal[l] !== 0)
      byLine.push({ ...k, self: lnSelf[l], total: lnTotal[l] });
  });
  const bySelfThenTotal = (a: Weighted, b: Weighted) => b.self - a.self || b.total - a.total;
  byFrame.sort(bySelfThenTotal);
  byFunction.sort(bySelfThenTotal);
  byLine.sort(bySelfThenTotal);
  return {
    valueIndex,
    total,
    byFrame,
    byFunction,
    byLine,
    functionOfFrame: Array.from(fnOfFrame, (f) => fnKeys[f]),
  };
}

/** Inclusive weight of `functionKey`'s callers, largest first (for hovers). */
export function callersOf(
  profile: Profile,
  attribution: Attribution,
  key: string,
  valueIndex = attribution.valueIndex,
): { key: string; total: number }[] {
  const sums = new Map<string, number>();
  const totalW = profile.nodeTotal[valueIndex];
  const fnOf = attribution.functionOfFrame;
  for (let n = 1; n < profile.nodeCount; n++) {
    if (fnOf[profile.nodeFrame[n]] !== key) continue;
    const parent = profile.nodeParent[n];
    if (parent <= 0) continue;
    const callerKey = fnOf[profile.nodeFrame[parent]];
    if (callerKey === key) continue;
    // Recursion through another function (a;b;a;b) repeats the edge b→a on one stack; only the
    // outermost one counts, so a caller's weight never exceeds the samples it appears in.
    if (hasOuterCall(profile, fnOf, parent, callerKey, key)) continue;
    sums.set(callerKey, (sums.get(callerKey) ?? 0) + totalW[n]);
  }
  return [...sums.entries()]
    .map(([k, total]) => ({ key: k, total }))
    .sort((a, b) => b.total - a.total);
}

/** True when an ancestor of `node` is a call of `key` from `callerKey`. */
function hasOuterCall(
  profile: Profile,
  fnOf: readonly string[],
  node: number,
  callerKey: string,
  key: string,
): boolean {
  for (let a = profile.nodeParent[node]; a > 0; a = profile.nodeParent[a]) {
    const p = profile.nodeParent[a];
    if (p > 0 && fnOf[profile.nodeFrame[a]] === key && fnOf[profile.nodeFrame[p]] === callerKey) {
      return true;
    }
  }
  return false;
}
