// The test's own reading of the profile items in the raw envelopes the SDKs sent (written without
// the server's code): per frame (function, file, line), how many samples have it as the leaf
// (self) and anywhere on the stack (total), for all profiles of a project or only for the samples
// taken inside chosen spans. Rules, from Sentry's data model:
// - a `profile` item (sample format v1) belongs to the transaction of its transactions[0].id
//   and samples its active_thread_id; times are `timestamp` + elapsed_since_start_ns;
// - a `profile_chunk` (v2) has absolute sample timestamps and belongs to spans whose
//   sentry.profiler_id (own, else the segment's) is its profiler_id, on the span's thread.id
//   (else the segment's; Node spans have none and the Node profiler samples one thread);
// - a sample is inside a span when span start <= sample time <= span end; each sample once.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { payloads } from './envelope-oracle';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

interface OracleProfile {
  key: string;
  project: string;
  kind: 'profile' | 'chunk';
  profilerId: string;
  transactionEventId: string;
  activeThread: string;
  frames: Obj[];
  stacks: number[][];
  samples: Array<{ t: number; thread: string; stack: number }>;
}

interface OracleSpanRef {
  project: string;
  trace: string;
  id: string;
  segment: string;
  eventId: string;
  op: string;
  description: string;
  start: number;
  end: number;
  thread: string;
  profilerId: string;
}

export interface ProfileRecording {
  profiles: OracleProfile[];
  spans: OracleSpanRef[];
}

/** Epoch seconds from a number or an RFC 3339 string with up to microseconds. */
function seconds(t: unknown): number {
  if (typeof t === 'number') return t;
  const m = /^(.*T\d\d:\d\d:\d\d)(\.\d+)?(Z|[+-]\d\d:?\d\d)?$/.exec(String(t));
  if (!m) throw new Error(`bad timestamp ${String(t)}`);
  return Date.parse(m[1] + (m[3] ?? 'Z')) / 1000 + (m[2] ? Number('0' + m[2]) : 0);
}

export function readProfileRecording(dir: string): ProfileRecording {
  const profiles: OracleProfile[] = [];
  const spans: OracleSpanRef[] = [];
  for (const file of readdirSync(dir).sort()) {
    const project = file.split('-')[1].split('.')[0];
    let body = readFileSync(join(dir, file));
    if (file.endsWith('.gz')) body = gunzipSync(body);
    for (const [header, payload] of payloads(body)) {
      if (header.type === 'profile' || header.type === 'profile_chunk') {
        const p = JSON.parse(payload) as Obj;
        const chunk = header.type === 'profile_chunk';
        const t0 = chunk ? 0 : seconds(p.timestamp);
        profiles.push({
          key: chunk ? p.chunk_id : p.event_id,
          project,
          kind: chunk ? 'chunk' : 'profile',
          profilerId: chunk ? p.profiler_id : '',
          transactionEventId: chunk ? '' : p.transactions[0].id,
          activeThread: chunk ? '' : String(p.transactions[0].active_thread_id),
          frames: p.profile.frames,
          stacks: p.profile.stacks,
          samples: (p.profile.samples as Obj[]).map((s) => ({
            t: chunk ? s.timestamp : t0 + Number(s.elapsed_since_start_ns) / 1e9,
            thread: String(s.thread_id),
            stack: s.stack_id,
          })),
        });
      } else if (header.type === 'transaction') {
        const ev = JSON.parse(payload) as Obj;
        const tr = ev.contexts.trace as Obj;
        const rootThread = String(tr.data?.['thread.id'] ?? '');
        const common = { project, trace: tr.trace_id, segment: tr.span_id, eventId: ev.event_id };
        spans.push({
          ...common,
          id: tr.span_id,
          op: tr.op,
          description: tr.description ?? ev.transaction,
          start: seconds(ev.start_timestamp),
          end: seconds(ev.timestamp),
          thread: rootThread,
          profilerId: String(ev.contexts.profile?.profiler_id ?? ''),
        });
        for (const s of ev.spans as Obj[])
          spans.push({
            ...common,
            id: s.span_id,
            op: s.op ?? '',
            description: s.description ?? '',
            start: seconds(s.start_timestamp),
            end: seconds(s.timestamp),
            thread: String(s.data?.['thread.id'] ?? ''),
            profilerId: '',
          });
      } else if (header.type === 'span') {
        const c = JSON.parse(payload) as Obj;
        for (const s of (c.items ?? [c]) as Obj[]) {
          const a = (k: string): string => String(s.attributes?.[k]?.value ?? '');
          spans.push({
            project,
            trace: s.trace_id,
            id: s.span_id,
            segment: a('sentry.segment.id') || (s.is_segment ? s.span_id : ''),
            eventId: '',
            op: a('sentry.op'),
            description: s.name,
            start: s.start_timestamp,
            end: s.end_timestamp,
            thread: a('thread.id'),
            profilerId: a('sentry.profiler_id'),
          });
        }
      }
    }
  }
  return { profiles, spans };
}

export interface FrameCounts {
  total: number;
  /** key `function|file|line` → samples with it as the leaf / anywhere on the stack. */
  self: Map<string, number>;
  inclusive: Map<string, number>;
}

export const frameKey = (name: string, file: string, line: number | undefined): string =>
  `${name}|${file}|${line ?? 0}`;

function count(picked: Array<[OracleProfile, number]>): FrameCounts {
  const out: FrameCounts = { total: 0, self: new Map(), inclusive: new Map() };
  const add = (m: Map<string, number>, k: string): void => void m.set(k, (m.get(k) ?? 0) + 1);
  for (const [p, i] of picked) {
    const stack = p.stacks[p.samples[i].stack];
    const keys = stack.map((fi) => {
      const f = p.frames[fi];
      return frameKey(f.function ?? '', f.filename ?? '', f.lineno);
    });
    out.total++;
    add(out.self, keys[0]);
    for (const k of new Set(keys)) add(out.inclusive, k);
  }
  return out;
}

/** Every sample of a project's profiles: transaction profiles' active thread, chunks whole. */
export function allSamples(rec: ProfileRecording, project: string): FrameCounts {
  const picked: Array<[OracleProfile, number]> = [];
  for (const p of rec.profiles.filter((x) => x.project === project))
    p.samples.forEach((s, i) => {
      if (p.kind === 'chunk' || s.thread === p.activeThread) picked.push([p, i]);
    });
  return count(picked);
}

/** Samples taken inside the chosen spans, joined as the header comment describes. */
export function samplesInSpans(
  rec: ProfileRecording,
  project: string,
  choose: (s: OracleSpanRef) => boolean,
): FrameCounts & { spans: number } {
  const picked = new Map<string, [OracleProfile, number]>();
  const chosen = rec.spans.filter((s) => s.project === project && choose(s));
  for (const s of chosen) {
    const segment = rec.spans.find((x) => x.trace === s.trace && x.id === s.segment);
    const txProfile = rec.profiles.find(
      (p) => p.kind === 'profile' && s.eventId && p.transactionEventId === s.eventId,
    );
    const profilerId = s.profilerId || segment?.profilerId || '';
    const candidates = txProfile
      ? [txProfile]
      : rec.profiles.filter((p) => p.kind === 'chunk' && profilerId && p.profilerId === profilerId);
    for (const p of candidates) {
      const thread = s.thread || segment?.thread || (txProfile ? txProfile.activeThread : '');
      const threads = new Set(p.samples.map((x) => x.thread));
      if (!thread && threads.size !== 1) continue;
      const want = thread || [...threads][0];
      p.samples.forEach((x, i) => {
        if (x.thread === want && x.t >= s.start && x.t <= s.end)
          picked.set(`${p.key}#${i}`, [p, i]);
      });
    }
  }
  return { ...count([...picked.values()]), spans: chosen.length };
}
