/**
 * The part of a profile's prefix tree the layout needs, for one value type. Both a core Profile
 * (see `treeOf`) and the webview's FlameData provide it.
 */
export interface FlameTree {
  readonly nodeParent: Int32Array;
  readonly nodeFrame: Int32Array;
  readonly nodeThread: Int32Array;
  readonly nodeSelf: Float64Array;
}

export interface MergeOptions {
  /** Only this thread's stacks; all threads merged by frame when undefined. */
  readonly thread?: number;
  /** Per frame, 1 to hide it ("only my code"): its weight and callees move to its caller. */
  readonly hidden?: Uint8Array;
}

/** A prefix tree where siblings are unique by frame. Node 0 is the root; parents come first. */
export interface MergedTree {
  readonly count: number;
  readonly frame: Int32Array;
  readonly parent: Int32Array;
  readonly self: Float64Array;
  readonly total: Float64Array;
  /** For every input node, its merged node, or -1 when filtered out by thread. */
  readonly mapped: Int32Array;
}

/** Siblings searched linearly up to this many; wider nodes get a Map keyed by frame. */
const LINEAR_CHILDREN = 8;

/**
 * Merges siblings by frame: root children of different threads become one node per frame
 * (FlameGraph's "all threads" view), and hidden frames fold into their caller so their callees
 * merge with the caller's other callees. One pass in node order works because every node's
 * parent has a lower index. Child lookup is a short linked list per node, with a small-integer
 * Map only for wide nodes: one Map keyed by (parent, frame) as doubles was several times slower
 * on 500k-node trees.
 */
export function mergeTree(tree: FlameTree, options: MergeOptions = {}): MergedTree {
  if (options.hidden === undefined && rootFramesDistinct(tree, options.thread)) {
    return alreadyMerged(tree, options.thread);
  }
  const n = tree.nodeParent.length;
  const mapped = new Int32Array(n);
  const frame = new Int32Array(n);
  const parent = new Int32Array(n);
  const self = new Float64Array(n);
  const firstChild = new Int32Array(n).fill(-1);
  const nextSibling = new Int32Array(n);
  const childCount = new Int32Array(n);
  const wide = new Map<number, Map<number, number>>();
  const { thread, hidden } = options;
  frame[0] = -1;
  parent[0] = -1;
  let count = 1;
  const childOf = (mp: number, f: number): number => {
    const index = childCount[mp] > LINEAR_CHILDREN ? wide.get(mp) : undefined;
    if (index !== undefined) {
      const found = index.get(f);
      if (found !== undefined) return found;
    } else {
      for (let c = firstChild[mp]; c >= 0; c = nextSibling[c]) if (frame[c] === f) return c;
    }
    const m = count++;
    frame[m] = f;
    parent[m] = mp;
    nextSibling[m] = firstChild[mp];
    firstChild[mp] = m;
    const k = ++childCount[mp];
    if (index !== undefined) {
      index.set(f, m);
    } else if (k > LINEAR_CHILDREN) {
      const built = new Map<number, number>();
      for (let c = firstChild[mp]; c >= 0; c = nextSibling[c]) built.set(frame[c], c);
      wide.set(mp, built);
    }
    return m;
  };
  for (let i = 1; i < n; i++) {
    const p = tree.nodeParent[i];
    const mp = p < 0 ? 0 : mapped[p];
    if (mp < 0 || (thread !== undefined && tree.nodeThread[i] !== thread)) {
      mapped[i] = -1;
      continue;
    }
    const f = tree.nodeFrame[i];
    const m = hidden !== undefined && hidden[f] === 1 ? mp : childOf(mp, f);
    mapped[i] = m;
    self[m] += tree.nodeSelf[i];
  }
  if (tree.nodeSelf.length > 0) self[0] += tree.nodeSelf[0];
  const total = self.slice(0, count);
  for (let m = count - 1; m > 0; m--) total[parent[m]] += total[m];
  return {
    count,
    frame: frame.slice(0, count),
    parent: parent.slice(0, count),
    self: self.slice(0, count),
    total,
    mapped,
  };
}

/**
 * Below the root, the builder keeps siblings unique by frame (its child key is parent + frame),
 * so a tree whose shown root children have distinct frames is already merged. That is every
 * single-thread view, and "all threads" when threads start with different frames (py-spy's
 * `thread (id)` roots), and it saves the merge pass on big profiles.
 */
function rootFramesDistinct(tree: FlameTree, thread: number | undefined): boolean {
  const seen = new Set<number>();
  const { nodeParent, nodeFrame, nodeThread } = tree;
  for (let i = 1; i < nodeParent.length; i++) {
    if (nodeParent[i] !== 0 || (thread !== undefined && nodeThread[i] !== thread)) continue;
    if (seen.has(nodeFrame[i])) return false;
    seen.add(nodeFrame[i]);
  }
  return true;
}

/** The tree as its own merge: other threads' nodes keep their slots with no weight. */
function alreadyMerged(tree: FlameTree, thread: number | undefined): MergedTree {
  const n = tree.nodeParent.length;
  const mapped = new Int32Array(n);
  const self = thread === undefined ? tree.nodeSelf : new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (thread === undefined || i === 0 || tree.nodeThread[i] === thread) {
      mapped[i] = i;
      if (thread !== undefined) self[i] = tree.nodeSelf[i];
    } else {
      mapped[i] = -1;
    }
  }
  const total = self.slice();
  for (let m = n - 1; m > 0; m--) total[tree.nodeParent[m]] += total[m];
  const frame = tree.nodeFrame.slice();
  frame[0] = -1;
  const parent = tree.nodeParent.slice();
  parent[0] = -1;
  return { count: n, frame, parent, self, total, mapped };
}

/** Children lists of a tree with `parent[]` (parents first), in CSR form. */
export function childrenOf(
  count: number,
  parent: Int32Array,
): { start: Int32Array; list: Int32Array } {
  const start = new Int32Array(count + 1);
  for (let i = 1; i < count; i++) start[parent[i] + 1]++;
  for (let i = 0; i < count; i++) start[i + 1] += start[i];
  const fill = start.slice(0, count);
  const list = new Int32Array(Math.max(0, count - 1));
  for (let i = 1; i < count; i++) list[fill[parent[i]]++] = i;
  return { start, list };
}
