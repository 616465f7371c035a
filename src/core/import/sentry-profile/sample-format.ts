import { ProfileBuilder } from '../../builder';
import { throwIfAborted } from '../../errors';
import type { Profile } from '../../model';
import { sampleFrame } from './frames';
import { checkInApp, sentryError, type Json } from './common';

// Sentry's sample format, the two versions the SDKs send (getsentry/vroom internal/sample
// `Profile`/`Trace`/`Sample` and internal/chunk `SampleChunk`/`Sample`):
// - v1, a transaction profile (`profile` envelope item, or a profile saved from Sentry):
//   `timestamp` (RFC 3339, the profile's start), `transactions[0].active_thread_id`, samples
//   `{elapsed_since_start_ns (a decimal string or a number), thread_id, stack_id}`.
// - v2, a continuous-profiling chunk (`profile_chunk`): `chunk_id`, `profiler_id`, samples
//   `{timestamp (epoch seconds, a float), thread_id, stack_id}`.
// Both: `profile.frames[]`, `profile.stacks[]` (frame indices, leaf first) and
// `profile.thread_metadata{tid: {name}}`.
//
// A sample lasts until the next sample of its thread, and the last sample of a thread lasts 0,
// as in vroom (sample.go `Speedscope` weights, `CallTrees` "the last sample is not
// represented"). Every thread is kept (vroom's flamegraph reads only the transaction's active
// thread; the profile view shows them all); the active thread comes first.

const BATCH = 1 << 15;
/** Bounds that keep every sum finite: vroom's uint64 nanoseconds, and epoch seconds to 9999. */
const MAX_NS = 2 ** 64;
const MAX_EPOCH_S = 253402300800;

interface Samples {
  /** Nanoseconds since the first sample (v2) or since the profile's start (v1). */
  time: Float64Array;
  thread: string[];
  stack: Int32Array;
}

export async function buildSampleProfile(
  json: Json,
  name: string,
  signal: AbortSignal | undefined,
): Promise<Profile> {
  const version = json.version;
  const v2 = version === '2';
  const platform = typeof json.platform === 'string' ? json.platform : '';
  const prof = json.profile as Json;
  const frames = checkedArray(prof.frames, 'profile.frames');
  const stacks = checkedArray(prof.stacks, 'profile.stacks');
  const rawSamples = checkedArray(prof.samples, 'profile.samples');
  if (rawSamples.length === 0) {
    throw sentryError(
      'the profile holds no samples (`profile.samples` is empty); the SDK stopped before its first sample. Profile a longer transaction.',
    );
  }
  const builder = new ProfileBuilder({
    format: 'sentry',
    name,
    tool: toolOf(json, platform),
    valueTypes: [
      { type: 'samples', unit: 'count' },
      { type: 'wall', unit: 'nanoseconds' },
    ],
    defaultValue: 1,
    keepTimeline: true,
  });
  const converted = frames.map((f) => sampleFrame(f, platform));
  checkInApp(converted);
  const frameIds = converted.map((f) => builder.internFrame(f));
  const stackFrames = stacks.map((s, i) => checkedStack(s, i, frames.length, frameIds));
  const samples = readSamples(rawSamples, stacks.length, v2);
  const order = timeOrder(samples.time);

  const tx = v2 ? undefined : firstTransaction(json);
  const active =
    tx && typeof tx.active_thread_id !== 'undefined' ? String(tx.active_thread_id) : '';
  const names = threadNames(prof.thread_metadata);
  const threadIds = new Map<string, number>();
  const threadOf = (tid: string): number => {
    let id = threadIds.get(tid);
    if (id === undefined) {
      id = builder.internThread(tid, threadInfo(tid, names.get(tid), tid === active));
      threadIds.set(tid, id);
    }
    return id;
  };
  if (active !== '' && samples.thread.includes(active)) threadOf(active);

  // The next sample of the same thread, walking the time order backwards.
  const nextOnThread = new Int32Array(order.length).fill(-1);
  const lastSeen = new Map<string, number>();
  for (let k = order.length - 1; k >= 0; k--) {
    const i = order[k];
    const after = lastSeen.get(samples.thread[i]);
    if (after !== undefined) nextOnThread[i] = after;
    lastSeen.set(samples.thread[i], i);
  }

  const leafOf = new Map<string, number>();
  const value = new Float64Array(2);
  value[0] = 1;
  for (let k = 0; k < order.length; k++) {
    if (k % BATCH === BATCH - 1) {
      throwIfAborted(signal);
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    const i = order[k];
    const thread = threadOf(samples.thread[i]);
    const key = `${thread}:${samples.stack[i]}`;
    let leaf = leafOf.get(key);
    if (leaf === undefined) {
      const stack = stackFrames[samples.stack[i]];
      leaf = builder.addStack(stack, stack.length, true, 0, { thread });
      leafOf.set(key, leaf);
    }
    const next = nextOnThread[i];
    value[1] = next < 0 ? 0 : Math.round(samples.time[next] - samples.time[i]);
    builder.addWeight(leaf, value);
    builder.recordTime(leaf, samples.time[i]);
  }
  builder.countSamples(order.length);

  const first = samples.time[order[0]];
  const last = samples.time[order[order.length - 1]];
  builder.setTiming(startNanos(json, v2, rawSamples, order[0]), last - first);
  builder.setAttributes(attributesOf(json, tx, platform, v2));
  return builder.build();
}

function checkedArray(v: unknown, what: string): unknown[] {
  if (!Array.isArray(v)) {
    throw sentryError(
      `\`${what}\` is ${v === undefined ? 'missing' : 'not an array'}; a Sentry profile has profile.frames, profile.stacks and profile.samples. Export the profile again.`,
    );
  }
  return v;
}

function checkedStack(
  s: unknown,
  index: number,
  frameCount: number,
  frameIds: number[],
): Int32Array {
  if (!Array.isArray(s)) throw sentryError(`profile.stacks[${index}] is not an array`);
  const out = new Int32Array(s.length);
  for (let d = 0; d < s.length; d++) {
    const f: unknown = s[d];
    if (typeof f !== 'number' || !Number.isInteger(f) || f < 0 || f >= frameCount) {
      throw sentryError(
        `profile.stacks[${index}][${d}] is ${JSON.stringify(f)}, not a frame index below ${frameCount}`,
      );
    }
    out[d] = frameIds[f];
  }
  return out;
}

function readSamples(raw: unknown[], stackCount: number, v2: boolean): Samples {
  const n = raw.length;
  const time = new Float64Array(n);
  const thread: string[] = new Array<string>(n);
  const stack = new Int32Array(n);
  let t0: number | undefined;
  for (let i = 0; i < n; i++) {
    const s = raw[i] as Json | null;
    if (typeof s !== 'object' || s === null)
      throw sentryError(`profile.samples[${i}] is not an object`);
    const sid = s.stack_id;
    if (typeof sid !== 'number' || !Number.isInteger(sid) || sid < 0 || sid >= stackCount) {
      throw sentryError(
        `profile.samples[${i}].stack_id is ${JSON.stringify(sid)}, not a stack index below ${stackCount}`,
      );
    }
    stack[i] = sid;
    const tid = s.thread_id;
    if (typeof tid !== 'string' && typeof tid !== 'number') {
      throw sentryError(`profile.samples[${i}] has no thread_id`);
    }
    thread[i] = String(tid);
    if (v2) {
      const ts = s.timestamp;
      if (typeof ts !== 'number' || !Number.isFinite(ts)) {
        throw sentryError(
          `profile.samples[${i}].timestamp is ${JSON.stringify(ts)}, not epoch seconds (profile chunk v2)`,
        );
      }
      // Differences in seconds first: epoch nanoseconds are beyond 2^53.
      t0 ??= ts;
      time[i] = (ts - t0) * 1e9;
      if (!Number.isFinite(time[i]) || Math.abs(ts) > MAX_EPOCH_S) {
        throw sentryError(
          `profile.samples[${i}].timestamp ${ts} is not a plausible epoch time in seconds (profile chunk v2)`,
        );
      }
    } else {
      const e = s.elapsed_since_start_ns;
      const ns = typeof e === 'string' && /^\d+$/.test(e) ? Number(e) : e;
      if (typeof ns !== 'number' || !Number.isFinite(ns) || ns < 0 || ns > MAX_NS) {
        throw sentryError(
          `profile.samples[${i}].elapsed_since_start_ns is ${JSON.stringify(e)}, not nanoseconds (sample format v1)`,
        );
      }
      time[i] = ns;
    }
  }
  if (v2) {
    // Rebase on the earliest sample, so times start at 0 whatever the file order.
    let min = Infinity;
    for (let i = 0; i < n; i++) min = Math.min(min, time[i]);
    for (let i = 0; i < n; i++) time[i] -= min;
  }
  return { time, thread, stack };
}

/** Sample indices by time, stable (vroom sorts with sort.SliceStable). */
function timeOrder(time: Float64Array): Int32Array {
  const order = new Int32Array(time.length);
  let sorted = true;
  for (let i = 0; i < time.length; i++) {
    order[i] = i;
    if (i > 0 && time[i] < time[i - 1]) sorted = false;
  }
  if (sorted) return order;
  return Int32Array.from([...order].sort((a, b) => time[a] - time[b] || a - b));
}

function firstTransaction(json: Json): Json | undefined {
  const list = json.transactions;
  const first: unknown = Array.isArray(list) ? list[0] : json.transaction;
  return typeof first === 'object' && first !== null ? (first as Json) : undefined;
}

function threadNames(meta: unknown): Map<string, string> {
  const names = new Map<string, string>();
  if (typeof meta !== 'object' || meta === null) return names;
  for (const [tid, m] of Object.entries(meta as Json)) {
    const n = (m as Json | null)?.name;
    if (typeof n === 'string' && n !== '') names.set(tid, n);
  }
  return names;
}

/** `Thread 140110921840320 "Thread-12 (process_request_thread)" (active)`, like py-spy's names. */
function threadInfo(
  tid: string,
  name: string | undefined,
  active: boolean,
): { name: string; tid?: number } {
  const n = /^\d+$/.test(tid) ? Number(tid) : NaN;
  const label = `Thread ${tid}${name ? ` "${name}"` : ''}${active ? ' (active)' : ''}`;
  return Number.isSafeInteger(n) ? { name: label, tid: n } : { name: label };
}

function toolOf(json: Json, platform: string): string {
  const sdk = json.client_sdk as Json | undefined;
  if (sdk && typeof sdk.name === 'string') {
    return typeof sdk.version === 'string' ? `${sdk.name}@${sdk.version}` : sdk.name;
  }
  return platform ? `sentry (${platform})` : 'sentry';
}

function startNanos(json: Json, v2: boolean, raw: unknown[], first: number): number | undefined {
  if (v2) {
    const ts = (raw[first] as Json).timestamp as number;
    return ts * 1e9;
  }
  const ms = typeof json.timestamp === 'string' ? Date.parse(json.timestamp) : NaN;
  return Number.isFinite(ms) ? ms * 1e6 : undefined;
}

function attributesOf(
  json: Json,
  tx: Json | undefined,
  platform: string,
  v2: boolean,
): Record<string, string> {
  const out: Record<string, string> = {};
  const put = (key: string, v: unknown) => {
    if (typeof v === 'string' && v !== '') out[key] = v;
  };
  out['sentry.format'] = v2 ? 'profile chunk (v2)' : 'transaction profile (sample format v1)';
  put('platform', platform);
  put('release', json.release);
  put('environment', json.environment);
  if (v2) {
    put('profiler_id', json.profiler_id);
    put('chunk_id', json.chunk_id);
  } else {
    put('profile_id', json.event_id);
    put('transaction', tx?.name);
    put('transaction_id', tx?.id);
    put('trace_id', tx?.trace_id);
  }
  return out;
}
