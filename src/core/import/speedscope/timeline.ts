import type { ProfileBuilder } from '../../builder';

/**
 * Collects (leaf node, time) pairs per speedscope profile and hands them to the builder in one
 * time order. Each profile (thread) is already in time order, but the builder's timeline is
 * global, so the per-profile runs are merged pairwise at the end (O(n log runs)).
 */
export class TimelineCollector {
  private nodes = new Int32Array(1024);
  private times = new Float64Array(1024);
  private length = 0;
  private readonly runStarts: number[] = [];

  startRun(): void {
    this.runStarts.push(this.length);
  }

  push(node: number, timeNanos: number): void {
    const i = this.length++;
    if (i >= this.nodes.length) {
      const nodes = new Int32Array(this.nodes.length * 2);
      const times = new Float64Array(this.times.length * 2);
      nodes.set(this.nodes);
      times.set(this.times);
      this.nodes = nodes;
      this.times = times;
    }
    this.nodes[i] = node;
    this.times[i] = timeNanos;
  }

  flush(builder: ProfileBuilder): void {
    let runs = [...this.runStarts, this.length].filter((s, i, all) => i === 0 || s > all[i - 1]);
    let nodes = this.nodes;
    let times = this.times;
    let nodesOut = new Int32Array(this.length);
    let timesOut = new Float64Array(this.length);
    while (runs.length > 2) {
      const merged: number[] = [0];
      for (let r = 0; r + 1 < runs.length; r += 2) {
        const end = runs[Math.min(r + 2, runs.length - 1)];
        merge(nodes, times, runs[r], runs[r + 1], end, nodesOut, timesOut);
        merged.push(end);
      }
      runs = merged;
      [nodes, nodesOut] = [nodesOut, nodes];
      [times, timesOut] = [timesOut, times];
    }
    for (let i = 0; i < this.length; i++) builder.recordTime(nodes[i], times[i]);
  }
}

/** Merges the sorted runs [a, b) and [b, end) into the same positions of the output arrays. */
function merge(
  nodes: Int32Array,
  times: Float64Array,
  a: number,
  b: number,
  end: number,
  nodesOut: Int32Array,
  timesOut: Float64Array,
): void {
  let i = a;
  let j = b;
  for (let k = a; k < end; k++) {
    if (j >= end || (i < b && times[i] <= times[j])) {
      nodesOut[k] = nodes[i];
      timesOut[k] = times[i++];
    } else {
      nodesOut[k] = nodes[j];
      timesOut[k] = times[j++];
    }
  }
}
