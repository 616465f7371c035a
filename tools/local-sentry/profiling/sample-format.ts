// Reads the two profile envelope items the SDKs send into one normalized shape:
// - `profile`: a transaction profile in Sentry's sample format v1 (sentry-sdk `profiles_sample_rate`):
//   `timestamp` (RFC 3339, profile start) + samples with `elapsed_since_start_ns` (a string),
//   `transactions[0]` naming the transaction and its `active_thread_id`.
// - `profile_chunk`: a continuous-profiling chunk, format v2 (sentry-sdk `profile_session_sample_rate`,
//   @sentry/profiling-node): samples with absolute `timestamp` (epoch seconds), `profiler_id`, `chunk_id`.
// Both carry `profile.frames`, `profile.stacks` (frame indices, leaf first) and
// `profile.thread_metadata`. Field names as in getsentry/vroom internal/sample (sample.go) and
// internal/chunk (sample.go); validated so a bad item is refused with a reason, never half-stored.
import { isoMicros, toEpochSeconds } from '../values';

export class ProfileError extends Error {}

export type ProfileKind = 'transaction' | 'chunk';

export interface ProfileFrame {
  name: string;
  /** `filename` as sent (Python: relative to sys.path; Node: the absolute path). */
  file: string;
  /** `abs_path`. */
  path: string;
  line: number;
  col: number;
  /** `module` or `package`: vroom's ModuleOrPackage, served as the frame's `image`. */
  module: string;
  isApplication: boolean;
}

export interface ProfileSample {
  /** Epoch seconds. */
  ts: number;
  thread: string;
  stack: number;
}

export interface NormalizedProfile {
  kind: ProfileKind;
  projectId: string;
  /** Transaction profile: the profile's event_id; chunk: chunk_id. */
  id: string;
  profilerId: string;
  platform: string;
  environment: string;
  release: string;
  /** Epoch seconds of the first and last sample (transaction profiles: the profile's start). */
  start: number;
  end: number;
  transaction?: { id: string; name: string; traceId: string; activeThreadId: string };
  frames: ProfileFrame[];
  /** Leaf first, as sent. */
  stacks: number[][];
  /** Sorted by time. */
  samples: ProfileSample[];
  threadNames: Record<string, string>;
}

type Json = Record<string, unknown>;

const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string =>
  typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';

/**
 * Sentry's verdict when the SDK sent one (`in_app`); otherwise the path tells (Node frames carry
 * no in_app: vroom then decides by package path the same way, node_modules being library code).
 */
function isApplication(f: Json): boolean {
  if (typeof f.in_app === 'boolean') return f.in_app;
  const p = text(f.abs_path) || text(f.filename);
  if (p === '' || p.startsWith('node:') || p.startsWith('internal/')) return false;
  return !/[\\/](node_modules|site-packages|dist-packages)[\\/]|[\\/]lib[\\/]python\d/.test(p);
}

function frame(f: unknown, i: number): ProfileFrame {
  if (!isObj(f)) throw new ProfileError(`profile.frames[${i}] is not an object`);
  const line = Number(f.lineno ?? 0);
  return {
    // Kept as sent: Node's anonymous functions have an empty name, as in vroom.
    name: text(f.function),
    file: text(f.filename),
    path: text(f.abs_path),
    line: Number.isFinite(line) && line > 0 ? Math.floor(line) : 0,
    col: typeof f.colno === 'number' && f.colno > 0 ? Math.floor(f.colno) : 0,
    module: text(f.module) || text(f.package),
    isApplication: isApplication(f),
  };
}

function body(payload: Json): { frames: ProfileFrame[]; stacks: number[][]; raw: Json } {
  const prof = payload.profile;
  if (!isObj(prof)) throw new ProfileError('no "profile" object');
  const { frames, stacks, samples } = prof;
  if (!Array.isArray(frames)) throw new ProfileError('profile.frames is not an array');
  if (!Array.isArray(stacks)) throw new ProfileError('profile.stacks is not an array');
  if (!Array.isArray(samples)) throw new ProfileError('profile.samples is not an array');
  const fr = frames.map(frame);
  const st = stacks.map((s: unknown, i) => {
    if (!Array.isArray(s)) throw new ProfileError(`profile.stacks[${i}] is not an array`);
    return s.map((x: unknown) => {
      if (!Number.isInteger(x) || (x as number) < 0 || (x as number) >= fr.length)
        throw new ProfileError(`profile.stacks[${i}] points at frame ${String(x)} of ${fr.length}`);
      return x as number;
    });
  });
  return { frames: fr, stacks: st, raw: prof };
}

function checkedSample(s: unknown, i: number, stacks: number, ts: number): ProfileSample {
  if (!isObj(s)) throw new ProfileError(`profile.samples[${i}] is not an object`);
  const stack = s.stack_id;
  if (!Number.isInteger(stack) || (stack as number) < 0 || (stack as number) >= stacks)
    throw new ProfileError(`profile.samples[${i}].stack_id ${String(stack)} of ${stacks} stacks`);
  if (!Number.isFinite(ts)) throw new ProfileError(`profile.samples[${i}] has no valid time`);
  return { ts, thread: text(s.thread_id), stack: stack as number };
}

function threadNames(raw: Json): Record<string, string> {
  const out: Record<string, string> = {};
  if (isObj(raw.thread_metadata))
    for (const [k, v] of Object.entries(raw.thread_metadata)) out[k] = isObj(v) ? text(v.name) : '';
  return out;
}

/** A `profile` item (sample format v1). */
export function readTransactionProfile(payload: unknown, projectId: string): NormalizedProfile {
  if (!isObj(payload)) throw new ProfileError('the payload is not a JSON object');
  const version = text(payload.version);
  if (version !== '1')
    throw new ProfileError(
      `unknown profile version "${version}" (only the sample format v1 is read; Android and legacy profiles are not)`,
    );
  const { frames, stacks, raw } = body(payload);
  const start = toEpochSeconds(payload.timestamp);
  if (!Number.isFinite(start)) throw new ProfileError('"timestamp" is not an RFC 3339 date');
  const txs = Array.isArray(payload.transactions) ? payload.transactions : [];
  const tx = isObj(txs[0]) ? txs[0] : isObj(payload.transaction) ? payload.transaction : undefined;
  if (!tx) throw new ProfileError('no "transactions" entry names the profiled transaction');
  const samples = (raw.samples as unknown[]).map((s, i) => {
    const ns = isObj(s) ? Number(s.elapsed_since_start_ns) : NaN;
    return checkedSample(s, i, stacks.length, start + ns / 1e9);
  });
  samples.sort((a, b) => a.ts - b.ts);
  return {
    kind: 'transaction',
    projectId,
    id: text(payload.event_id),
    profilerId: '',
    platform: text(payload.platform),
    environment: text(payload.environment),
    release: text(payload.release),
    start,
    end: samples.length > 0 ? samples[samples.length - 1].ts : start,
    transaction: {
      id: text(tx.id),
      name: text(tx.name),
      traceId: text(tx.trace_id),
      activeThreadId: text(tx.active_thread_id),
    },
    frames,
    stacks,
    samples,
    threadNames: threadNames(raw),
  };
}

/** A `profile_chunk` item (continuous profiling, format v2). */
export function readProfileChunk(payload: unknown, projectId: string): NormalizedProfile {
  if (!isObj(payload)) throw new ProfileError('the payload is not a JSON object');
  const version = text(payload.version);
  if (version !== '2')
    throw new ProfileError(`unknown profile chunk version "${version}" (only v2 is read)`);
  if (!text(payload.chunk_id) || !text(payload.profiler_id))
    throw new ProfileError('a profile chunk needs "chunk_id" and "profiler_id"');
  const { frames, stacks, raw } = body(payload);
  const samples = (raw.samples as unknown[]).map((s, i) =>
    checkedSample(s, i, stacks.length, isObj(s) ? Number(s.timestamp) : NaN),
  );
  samples.sort((a, b) => a.ts - b.ts);
  if (samples.length === 0) throw new ProfileError('a profile chunk without samples');
  return {
    kind: 'chunk',
    projectId,
    id: text(payload.chunk_id),
    profilerId: text(payload.profiler_id),
    platform: text(payload.platform),
    environment: text(payload.environment),
    release: text(payload.release),
    start: samples[0].ts,
    end: samples[samples.length - 1].ts,
    frames,
    stacks,
    samples,
    threadNames: threadNames(raw),
  };
}

export function readProfileItem(
  type: string,
  payload: unknown,
  projectId: string,
): NormalizedProfile {
  return type === 'profile_chunk'
    ? readProfileChunk(payload, projectId)
    : readTransactionProfile(payload, projectId);
}

/** Moves a raw payload's times by `shift` seconds (seeding recorded profiles into the last day). */
export function shiftPayload(type: string, payload: unknown, shift: number): unknown {
  if (!isObj(payload) || shift === 0) return payload;
  if (type === 'profile') {
    const t = toEpochSeconds(payload.timestamp);
    return Number.isFinite(t) ? { ...payload, timestamp: isoMicros(t + shift) } : payload;
  }
  const prof = payload.profile;
  if (!isObj(prof) || !Array.isArray(prof.samples)) return payload;
  const samples = prof.samples.map((s: unknown) =>
    isObj(s) && typeof s.timestamp === 'number' ? { ...s, timestamp: s.timestamp + shift } : s,
  );
  return { ...payload, profile: { ...prof, samples } };
}
