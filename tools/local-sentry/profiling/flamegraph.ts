// The aggregated flamegraph in vroom's speedscope shape (getsentry/vroom
// internal/flamegraph/flamegraph.go `toSpeedscope`, internal/speedscope/speedscope.go): shared
// frames, one `sampled` profile whose `samples` are distinct stacks (root first) with their
// `weights`/`sample_counts` (number of samples) and `sample_durations_ns`, and the profiles each
// stack came from (`samples_profiles` → shared.profile_ids for transaction profiles,
// `samples_examples` → shared.profiles for chunks).
//
// Two deliberate differences from vroom, both documented in docs/sentry-api.md §6.2: frames are
// distinct per (function, module, path, line), where vroom merges a function's frames and keeps
// one line, because line heat is the point here; and there is no 1000-stack cap.
import type { ProfileFrame } from './sample-format';
import type { StoredProfile } from './profile-store';

/** One profile's contribution: optionally only one thread, optionally only inside intervals. */
export interface Slice {
  profile: StoredProfile;
  /** Threads to read; undefined = the transaction's active thread, or every thread of a chunk. */
  threads?: Set<string>;
  /** Epoch-second [start, end] ranges; a sample counts when its time falls in one of them. */
  intervals?: Array<[number, number]>;
  transactionId?: string;
}

export interface SpeedscopeFrame {
  name: string;
  file?: string;
  path?: string;
  line?: number;
  col?: number;
  image?: string;
  module?: string;
  is_application: boolean;
  fingerprint: number;
}

export interface ChunkExample {
  project_id: number;
  profiler_id: string;
  chunk_id: string;
  thread_id: string;
  start: number;
  end: number;
  transaction_id?: string;
}

/**
 * vroom's frame fingerprint input (`Frame.WriteToHash`: package base name or file, then the
 * function) hashed with 64-bit FNV-1a and cut to 32 bits: stable per function, the value the
 * `fingerprint` parameter and the functions dataset use. Not guaranteed equal to Sentry's numbers.
 */
export function frameFingerprint(f: Pick<ProfileFrame, 'module' | 'file' | 'name'>): number {
  const pkg = f.module ? f.module.split('/').pop()! : f.file || '-';
  let h = 0xcbf29ce484222325n;
  for (const b of Buffer.from(pkg + (f.name || '-'), 'utf8')) {
    h ^= BigInt(b);
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return Number(h & 0xffffffffn);
}

/** Per-sample durations as vroom's call trees measure them: the gap to the previous sample. */
export function sampleDurationsNs(p: StoredProfile): number[] {
  const prev = new Map<string, number>();
  return p.samples.map((s) => {
    const before = prev.get(s.thread) ?? (p.kind === 'transaction' ? p.start : s.ts);
    prev.set(s.thread, s.ts);
    return Math.max(0, Math.round((s.ts - before) * 1e9));
  });
}

function mergeIntervals(list: Array<[number, number]>): Array<[number, number]> {
  const sorted = [...list].sort((a, b) => a[0] - b[0]);
  const out: Array<[number, number]> = [];
  for (const [a, b] of sorted) {
    const last = out[out.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

export function sliceThreads(slice: Slice): Set<string> | undefined {
  if (slice.threads) return slice.threads;
  const tx = slice.profile.transaction;
  return slice.profile.kind === 'transaction' && tx ? new Set([tx.activeThreadId]) : undefined;
}

export function buildFlamegraph(slices: Slice[], projectId: number): unknown {
  const frames: SpeedscopeFrame[] = [];
  const frameIndex = new Map<string, number>();
  const profileIds: string[] = [];
  const examples: ChunkExample[] = [];
  const stacks = new Map<
    string,
    { stack: number[]; count: number; ns: number; profiles: Set<number>; examples: Set<number> }
  >();
  let total = 0;
  let platform = '';

  const frameId = (f: ProfileFrame): number => {
    const key = JSON.stringify([f.name, f.module, f.path, f.file, f.line]);
    let i = frameIndex.get(key);
    if (i === undefined) {
      i = frames.length;
      frameIndex.set(key, i);
      frames.push({
        name: f.name,
        ...(f.file ? { file: f.file } : {}),
        ...(f.path ? { path: f.path } : {}),
        ...(f.line ? { line: f.line } : {}),
        ...(f.col ? { col: f.col } : {}),
        ...(f.module ? { image: f.module, module: f.module } : {}),
        is_application: f.isApplication,
        fingerprint: frameFingerprint(f),
      });
    }
    return i;
  };

  for (const slice of slices) {
    const p = slice.profile;
    platform ||= p.platform;
    const threads = sliceThreads(slice);
    const intervals = slice.intervals ? mergeIntervals(slice.intervals) : undefined;
    const durations = sampleDurationsNs(p);
    let source: { kind: 'profile' | 'example'; index: number } | undefined;
    p.samples.forEach((s, i) => {
      if (threads && !threads.has(s.thread)) return;
      if (intervals && !intervals.some(([a, b]) => s.ts >= a && s.ts <= b)) return;
      if (!source) {
        if (p.kind === 'transaction') {
          source = { kind: 'profile', index: profileIds.length };
          profileIds.push(p.id);
        } else {
          source = { kind: 'example', index: examples.length };
          examples.push({
            project_id: Number(p.projectId),
            profiler_id: p.profilerId,
            chunk_id: p.id,
            thread_id: threads && threads.size === 1 ? [...threads][0] : s.thread,
            start: intervals ? intervals[0][0] : p.start,
            end: intervals ? intervals[intervals.length - 1][1] : p.end,
            ...(slice.transactionId ? { transaction_id: slice.transactionId } : {}),
          });
        }
      }
      const stack = [...p.stacks[s.stack]].reverse().map((fi) => frameId(p.frames[fi]));
      const key = stack.join(',');
      let agg = stacks.get(key);
      if (!agg) {
        agg = { stack, count: 0, ns: 0, profiles: new Set(), examples: new Set() };
        stacks.set(key, agg);
      }
      agg.count++;
      agg.ns += durations[i];
      (source.kind === 'profile' ? agg.profiles : agg.examples).add(source.index);
      total++;
    });
  }

  const rows = [...stacks.values()];
  return {
    activeProfileIndex: 0,
    durationNS: 0,
    metadata: {
      deviceClassification: '',
      deviceLocale: '',
      deviceManufacturer: '',
      deviceModel: '',
      deviceOSName: '',
      deviceOSVersion: '',
      durationNS: 0,
      organizationID: 0,
      platform,
      profileID: '',
      projectID: projectId,
      received: '0001-01-01T00:00:00Z',
      traceID: '',
      transactionID: '',
      transactionName: '',
      version: '',
    },
    platform,
    profileID: '',
    projectID: projectId,
    transactionName: '',
    version: '',
    shared: { frames, profile_ids: profileIds, profiles: examples },
    profiles: [
      {
        endValue: total,
        isMainThread: true,
        name: '',
        priority: 0,
        startValue: 0,
        threadID: 0,
        type: 'sampled',
        unit: 'count',
        samples: rows.map((r) => r.stack),
        samples_profiles: rows.map((r) => [...r.profiles]),
        samples_examples: rows.map((r) => [...r.examples]),
        sample_counts: rows.map((r) => r.count),
        sample_durations_ns: rows.map((r) => r.ns),
        weights: rows.map((r) => r.count),
      },
    ],
  };
}
