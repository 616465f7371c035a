// The Profile invariants every importer must keep, whatever the input (model.ts documents them).
// Throws an Error naming the first broken one.
import type { Profile } from '../../src/core/model';

function near(a: number, b: number): boolean {
  if (a === b) return true;
  return Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b), 1);
}

function fail(message: string): never {
  throw new Error(`Profile invariant broken: ${message}`);
}

export function checkProfile(p: Profile): void {
  const n = p.nodeCount;
  if (!(n >= 1)) fail(`nodeCount ${n}`);
  for (const [key, a] of Object.entries({
    nodeFrame: p.nodeFrame,
    nodeParent: p.nodeParent,
    nodeDepth: p.nodeDepth,
    nodeThread: p.nodeThread,
  })) {
    if (a.length !== n) fail(`${key}.length ${a.length} != nodeCount ${n}`);
  }
  const values = p.valueTypes.length;
  if (values < 1) fail('no value type');
  if (p.nodeSelf.length !== values || p.nodeTotal.length !== values || p.totals.length !== values)
    fail('nodeSelf/nodeTotal/totals do not have one entry per value type');
  if (!(p.defaultValue >= 0 && p.defaultValue < values)) fail(`defaultValue ${p.defaultValue}`);
  if (p.threads.length < 1) fail('no thread');
  if (p.nodeParent[0] !== -1 || p.nodeFrame[0] !== -1) fail('node 0 is not the root');
  for (let i = 1; i < n; i++) {
    const parent = p.nodeParent[i];
    if (!(parent >= 0 && parent < i)) fail(`nodeParent[${i}] = ${parent}`);
    const frame = p.nodeFrame[i];
    if (!(frame >= 0 && frame < p.frames.length)) fail(`nodeFrame[${i}] = ${frame}`);
    const thread = p.nodeThread[i];
    if (!(thread >= 0 && thread < p.threads.length)) fail(`nodeThread[${i}] = ${thread}`);
    if (p.nodeDepth[i] !== p.nodeDepth[parent] + 1) fail(`nodeDepth[${i}]`);
  }
  for (let v = 0; v < values; v++) {
    const self = p.nodeSelf[v];
    const total = p.nodeTotal[v];
    if (self.length !== n || total.length !== n) fail(`value ${v} arrays have the wrong length`);
    let sum = 0;
    for (let i = 0; i < n; i++) {
      if (!Number.isFinite(self[i])) fail(`nodeSelf[${v}][${i}] = ${self[i]}`);
      sum += self[i];
    }
    if (!near(sum, p.totals[v])) fail(`totals[${v}] = ${p.totals[v]}, sum of nodeSelf = ${sum}`);
    if (!near(total[0], sum)) fail(`nodeTotal[${v}][0] = ${total[0]}, sum of nodeSelf = ${sum}`);
  }
  p.frames.forEach((f, i) => {
    if (typeof f.name !== 'string') fail(`frame ${i} has no name`);
    if (f.line !== undefined && !(Number.isInteger(f.line) && f.line >= 1))
      fail(`frame ${i} line ${f.line}`);
  });
  if (p.timeline) {
    const { node, timeNanos } = p.timeline;
    if (node.length !== timeNanos.length) fail('timeline arrays differ in length');
    for (let i = 0; i < node.length; i++) {
      if (!(node[i] >= 0 && node[i] < n)) fail(`timeline.node[${i}] = ${node[i]}`);
    }
  }
}
