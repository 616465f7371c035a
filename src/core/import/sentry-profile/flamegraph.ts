import { ProfileBuilder } from '../../builder';
import type { Profile, ValueType } from '../../model';
import { checkInApp, sentryError, type Json } from './common';
import { flamegraphFrame } from './frames';

// The organization flamegraph response (`/api/0/organizations/{org}/profiling/flamegraph/`) and
// vroom's per-profile speedscope output: getsentry/vroom internal/speedscope/speedscope.go
// `Output` + `SampledProfile`, filled by internal/flamegraph/flamegraph.go `toSpeedscope`.
// `shared.frames[]`; `profiles[]` of type "sampled" whose `samples[i]` is a stack (frame indices,
// root first). In the aggregated flamegraph each stack is distinct, `unit` is "count",
// `weights` = `sample_counts` = how many samples, and `sample_durations_ns` their summed
// duration; in a single profile's output `unit` is "nanoseconds" and every entry is one sample
// weighted by its duration. Each entry of `profiles` becomes a thread.

const SAMPLES: ValueType = { type: 'samples', unit: 'count' };
const WALL: ValueType = { type: 'wall', unit: 'nanoseconds' };

export function buildFlamegraphProfile(json: Json, name: string): Profile {
  const shared = json.shared as Json;
  const frames = shared.frames as unknown[];
  const profiles = json.profiles as unknown[];
  const platform = typeof json.platform === 'string' ? json.platform : '';
  const sampled = profiles.map((p, i) => checkedProfile(p, i));
  const total = sampled.reduce((n, p) => n + p.samples.length, 0);
  if (frames.length === 0 || total === 0) {
    throw sentryError(
      'the flamegraph is empty: Sentry found no profile samples for this query. Widen the period, ' +
        'check the project and environment, or check that the SDK profiles (profiles_sample_rate ' +
        'or profile_session_sample_rate).',
    );
  }
  const withTime = sampled.some((p) => p.nanos || p.durations !== undefined);
  const builder = new ProfileBuilder({
    format: 'sentry',
    name,
    tool: platform ? `sentry (${platform})` : 'sentry',
    valueTypes: withTime ? [SAMPLES, WALL] : [SAMPLES],
    defaultValue: withTime ? 1 : 0,
  });
  const converted = frames.map((f) => flamegraphFrame(f, platform));
  checkInApp(converted);
  const frameIds = converted.map((f) => builder.internFrame(f));
  const stack = new Int32Array(256);
  let records = 0;
  const value = new Float64Array(withTime ? 2 : 1);
  sampled.forEach((p, index) => {
    const thread = builder.internThread(`${index}`, {
      name: threadName(p.json, index, sampled.length),
    });
    for (let i = 0; i < p.samples.length; i++) {
      const s = p.samples[i];
      if (!Array.isArray(s)) throw profileError(index, `samples[${i}] is not an array`);
      const ids = s.length <= stack.length ? stack : new Int32Array(s.length);
      for (let d = 0; d < s.length; d++) {
        const f: unknown = s[d];
        if (typeof f !== 'number' || !Number.isInteger(f) || f < 0 || f >= frames.length) {
          throw profileError(
            index,
            `samples[${i}][${d}] is ${JSON.stringify(f)}, not a frame index below ${frames.length}`,
          );
        }
        ids[d] = frameIds[f];
      }
      const w = number(p.weights[i], index, `weights[${i}]`);
      // A count-unit profile's weight is its number of samples; a time-unit one is one sample.
      const count = p.nanos ? 1 : p.counts ? number(p.counts[i], index, `sample_counts[${i}]`) : w;
      value[0] = count;
      if (withTime) {
        value[1] = p.nanos
          ? Math.min(w * p.nanos, MAX_VALUE)
          : p.durations
            ? number(p.durations[i], index, `sample_durations_ns[${i}]`)
            : 0;
      }
      builder.addStack(ids, s.length, false, value, { thread });
      records += count;
    }
  });
  builder.countSamples(records);
  const durationNS = json.durationNS;
  builder.setTiming(
    undefined,
    typeof durationNS === 'number' && durationNS > 0 ? durationNS : undefined,
  );
  builder.setAttributes(attributesOf(json, shared, platform));
  return builder.build();
}

interface Sampled {
  json: Json;
  samples: unknown[];
  weights: unknown[];
  counts?: unknown[];
  durations?: unknown[];
  /** Nanoseconds per weight unit when the unit is time, else undefined (count). */
  nanos?: number;
}

const NANOS: Record<string, number> = {
  nanoseconds: 1,
  microseconds: 1e3,
  milliseconds: 1e6,
  seconds: 1e9,
};

function checkedProfile(p: unknown, index: number): Sampled {
  if (typeof p !== 'object' || p === null) throw profileError(index, 'is not an object');
  const json = p as Json;
  if (json.type !== 'sampled') {
    throw profileError(
      index,
      `has type ${JSON.stringify(json.type)}; only "sampled" flamegraphs are read (Sentry's evented Android traces are not)`,
    );
  }
  if (!Array.isArray(json.samples) || !Array.isArray(json.weights)) {
    throw profileError(index, 'needs `samples` and `weights` arrays');
  }
  if (json.samples.length !== json.weights.length) {
    throw profileError(
      index,
      `has ${json.samples.length} samples but ${json.weights.length} weights (they must pair up)`,
    );
  }
  const samples: unknown[] = json.samples;
  const unit = typeof json.unit === 'string' ? json.unit : 'count';
  const nanos = NANOS[unit];
  if (nanos === undefined && unit !== 'count') {
    throw profileError(index, `has unit ${JSON.stringify(unit)}, not "count" or a time unit`);
  }
  const paired = (v: unknown, what: string): unknown[] | undefined => {
    if (v === undefined || v === null) return undefined;
    if (!Array.isArray(v) || v.length !== samples.length) {
      throw profileError(index, `\`${what}\` does not pair up with \`samples\``);
    }
    return v;
  };
  return {
    json,
    samples,
    weights: json.weights,
    counts: paired(json.sample_counts, 'sample_counts'),
    durations: nanos ? undefined : paired(json.sample_durations_ns, 'sample_durations_ns'),
    nanos,
  };
}

/** vroom writes counts and durations as uint64; larger values would make sums infinite. */
const MAX_VALUE = 2 ** 64;

function number(v: unknown, index: number, what: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > MAX_VALUE) {
    throw profileError(
      index,
      `${what} is ${JSON.stringify(v)}, not a non-negative number below 2^64`,
    );
  }
  return v;
}

function profileError(index: number, what: string) {
  return sentryError(`flamegraph profiles[${index}] ${what}`);
}

/** The aggregated flamegraph is one unnamed profile: "all"; a profile's threads keep their names. */
function threadName(p: Json, index: number, count: number): string {
  const name = typeof p.name === 'string' ? p.name : '';
  const tid = typeof p.threadID === 'number' && p.threadID > 0 ? p.threadID : undefined;
  if (tid !== undefined) return `Thread ${tid}${name ? ` "${name}"` : ''}`;
  if (name) return name;
  return count === 1 ? 'all' : `profile ${index}`;
}

function attributesOf(json: Json, shared: Json, platform: string): Record<string, string> {
  const out: Record<string, string> = { 'sentry.format': 'flamegraph (vroom speedscope)' };
  // Written by Hotspot Lens's own client (src/sentry/flamegraph-merge.ts): where it came from.
  if (typeof json.source === 'string' && json.source) out.source = json.source;
  if (platform) out.platform = platform;
  const put = (key: string, v: unknown) => {
    if ((typeof v === 'string' && v !== '') || (typeof v === 'number' && v !== 0))
      out[key] = String(v);
  };
  put('project_id', json.projectID);
  put('profile_id', json.profileID);
  put('transaction', json.transactionName);
  put('release', json.version);
  const ids = Array.isArray(shared.profile_ids) ? shared.profile_ids.length : 0;
  const chunks = Array.isArray(shared.profiles) ? shared.profiles.length : 0;
  if (ids > 0) out['transaction_profiles'] = String(ids);
  if (chunks > 0) out['profile_chunks'] = String(chunks);
  return out;
}
