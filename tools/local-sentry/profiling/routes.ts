// The profiling REST endpoints (docs/sentry-api.md §6.2, §6.3): the organization flamegraph with
// Sentry's data sources (src/sentry/profiles/flamegraph.py FlamegraphExecutor: `transactions`,
// `profiles`, `spans`, `functions`), and the raw profile / chunk fetches. Candidate selection
// follows FlamegraphExecutor: transaction profiles by `profile.id`, continuous chunks by
// `profiler.id` + `thread.id` overlapping the span or transaction.
import { projectBySlugOrId, PROJECTS } from '../config';
import { ApiError, DETAIL, timeWindow, type Reply } from '../http-util';
import { parseSearch, SearchError } from '../search';
import type { SpanStore } from '../store';
import type { StoredSpan } from '../types';
import { spanProfileId, spanProfilerId, spanThreadId } from './envelope-items';
import { buildFlamegraph, frameFingerprint, type Slice } from './flamegraph';
import type { ProfileStore, StoredProfile } from './profile-store';

export interface ProfilingContext {
  spans: SpanStore;
  profiles: ProfileStore;
  nowS: number;
}

const DATA_SOURCES = ['transactions', 'profiles', 'spans', 'functions'];

/** The one project a flamegraph is for: Sentry refuses more than one (ParseError, 400). */
function flamegraphProject(q: URLSearchParams): string {
  const wanted = q.getAll('project').filter((p) => p !== '-1');
  const ids = wanted.length === 0 ? PROJECTS.map((p) => p.id) : wanted;
  const found = ids.map((v) => projectBySlugOrId(v));
  if (found.some((p) => p === undefined)) throw new ApiError(403, DETAIL.forbidden);
  const unique = [...new Set(found.map((p) => p!.id))];
  if (unique.length > 1)
    throw new ApiError(400, 'You cannot get a flamegraph from multiple projects.');
  return unique[0];
}

function matcher(query: string, store: SpanStore): (s: StoredSpan) => boolean {
  if (!query.trim()) return () => true;
  try {
    const pred = parseSearch(query);
    return (s) => pred(s, store);
  } catch (err) {
    if (err instanceof SearchError) throw new ApiError(400, err.message);
    throw err;
  }
}

/**
 * The chunks of a span's profiler that overlap it, sliced to its time on its thread. Node spans
 * carry no `thread.id`; @sentry/profiling-node samples only the main thread, so a chunk with a
 * single thread is read whole (Sentry itself needs thread.id and would skip such spans).
 */
function chunkSlices(
  chunks: StoredProfile[],
  profilerId: string,
  thread: string,
  start: number,
  end: number,
  transactionId?: string,
): Slice[] {
  const out: Slice[] = [];
  for (const c of chunks) {
    if (c.profilerId !== profilerId || c.end < start || c.start > end) continue;
    const threads = new Set(c.samples.map((s) => s.thread));
    if (thread && !threads.has(thread)) continue;
    if (!thread && threads.size !== 1) continue;
    out.push({
      profile: c,
      threads: new Set([thread || [...threads][0]]),
      intervals: [[start, end]],
      transactionId,
    });
  }
  return out;
}

/** Several spans of one chunk become one slice with all their intervals (each sample once). */
function mergeSlices(slices: Slice[]): Slice[] {
  const byKey = new Map<string, Slice>();
  for (const s of slices) {
    const key = `${s.profile.kind}:${s.profile.id}:${[...(s.threads ?? [])].join(',')}`;
    const have = byKey.get(key);
    if (!have) byKey.set(key, { ...s, intervals: s.intervals ? [...s.intervals] : undefined });
    else if (have.intervals && s.intervals) have.intervals.push(...s.intervals);
    else have.intervals = undefined;
  }
  return [...byKey.values()];
}

export function flamegraphSlices(q: URLSearchParams, ctx: ProfilingContext): Slice[] {
  const projectId = flamegraphProject(q);
  const dataSource = q.get('dataSource') ?? 'transactions';
  if (!DATA_SOURCES.includes(dataSource))
    throw new ApiError(400, { dataSource: [`"${dataSource}" is not a valid choice.`] });
  const [start, end] = timeWindow(q, ctx.nowS);
  const envs = q.getAll('environment');
  const inScope = (x: { projectId: string; environment: string }): boolean =>
    x.projectId === projectId && (envs.length === 0 || envs.includes(x.environment));
  const profiles = ctx.profiles.all().filter((p) => inScope(p) && p.end >= start && p.start <= end);
  const byId = new Map(profiles.filter((p) => p.kind === 'transaction').map((p) => [p.id, p]));
  const chunks = profiles.filter((p) => p.kind === 'chunk');
  const query = q.get('query') ?? '';

  if (dataSource === 'functions') {
    const fp = Number(q.get('fingerprint'));
    if (!q.get('fingerprint') || !Number.isInteger(fp))
      throw new ApiError(400, { fingerprint: ['A valid integer is required.'] });
    return profiles
      .filter((p) => p.frames.some((f) => frameFingerprint(f) === fp))
      .map((profile) => ({ profile }));
  }

  // Sentry's `profiles` source ends with every chunk of the period; without a query this
  // server serves simply every sample of every profile in the period (no slicing).
  if (dataSource === 'profiles' && !query.trim()) return profiles.map((profile) => ({ profile }));

  const spans = ctx.spans
    .all()
    .filter((s) => inScope(s) && s.end >= start && s.start <= end)
    .filter(dataSource === 'spans' ? () => true : (s) => s.isSegment)
    .filter(matcher(query, ctx.spans));
  const slices: Slice[] = [];
  for (const s of spans) {
    const profile = byId.get(spanProfileId(s));
    if (profile) {
      // A transaction profile samples the active thread; spans narrow it to their own time.
      slices.push(
        dataSource === 'spans'
          ? { profile, intervals: [[s.start, s.end]], threads: threadOf(s, profile) }
          : { profile },
      );
      continue;
    }
    // Streamed child spans carry no profiler id or thread (the SDKs put them on the segment);
    // as in Sentry, a span inherits its segment's.
    const segment = s.isSegment ? s : segmentOf(s, ctx.spans);
    const profilerId = spanProfilerId(s) || (segment ? spanProfilerId(segment) : '');
    const thread = spanThreadId(s) || (segment ? spanThreadId(segment) : '');
    if (profilerId)
      slices.push(
        ...chunkSlices(chunks, profilerId, thread, s.start, s.end, s.eventId || undefined),
      );
  }
  return mergeSlices(slices);
}

function segmentOf(s: StoredSpan, store: SpanStore): StoredSpan | undefined {
  return store.trace(s.traceId).find((x) => x.spanId === s.segmentId);
}

function threadOf(s: StoredSpan, p: StoredProfile): Set<string> | undefined {
  const t = spanThreadId(s);
  return t ? new Set([t]) : p.transaction ? new Set([p.transaction.activeThreadId]) : undefined;
}

export function handleFlamegraph(q: URLSearchParams, ctx: ProfilingContext): Reply {
  const slices = flamegraphSlices(q, ctx);
  return { status: 200, body: buildFlamegraph(slices, Number(flamegraphProject(q))) };
}

/** GET /organizations/{org}/profiling/chunks/?project&profiler_id&start&end: chunks merged. */
export function handleChunks(q: URLSearchParams, ctx: ProfilingContext): Reply {
  const project = projectBySlugOrId(q.get('project') ?? '');
  const profilerId = q.get('profiler_id');
  if (!project || !profilerId)
    throw new ApiError(400, 'project and profiler_id are required (one project)');
  const [start, end] = timeWindow(q, ctx.nowS);
  const chunks = ctx.profiles
    .all()
    .filter(
      (p) =>
        p.kind === 'chunk' &&
        p.projectId === project.id &&
        p.profilerId === profilerId &&
        p.end >= start &&
        p.start <= end,
    )
    .sort((a, b) => a.start - b.start);
  if (chunks.length === 0) throw new ApiError(404, DETAIL.notFound);
  return { status: 200, body: { chunk: mergeChunks(chunks) } };
}

/** vroom's chunk merge: one chunk whose frames/stacks are the concatenation, samples re-indexed. */
function mergeChunks(chunks: StoredProfile[]): unknown {
  const first = chunks[0].raw as Record<string, unknown>;
  const frames: unknown[] = [];
  const stacks: number[][] = [];
  const samples: unknown[] = [];
  const threads: Record<string, unknown> = {};
  for (const c of chunks) {
    const raw = (c.raw as { profile: Record<string, unknown> }).profile;
    const fOff = frames.length;
    const sOff = stacks.length;
    frames.push(...(raw.frames as unknown[]));
    stacks.push(...(raw.stacks as number[][]).map((st) => st.map((i) => i + fOff)));
    for (const s of raw.samples as Array<Record<string, unknown>>)
      samples.push({ ...s, stack_id: (s.stack_id as number) + sOff });
    Object.assign(threads, raw.thread_metadata ?? {});
  }
  return {
    ...first,
    profile: { frames, stacks, samples, thread_metadata: threads },
  };
}

/** GET /projects/{org}/{project}/profiling/profiles/{id}/ and …/chunks/{profiler}/{chunk}/. */
export function handleRawFetch(
  projectSlugOrId: string,
  kind: 'profile' | 'chunk',
  id: string,
  ctx: ProfilingContext,
): Reply {
  const project = projectBySlugOrId(projectSlugOrId);
  if (!project) throw new ApiError(404, DETAIL.notFound);
  const p = ctx.profiles.byId(project.id, id.replace(/-/g, '').toLowerCase());
  if (!p || (kind === 'profile') !== (p.kind === 'transaction'))
    throw new ApiError(404, DETAIL.notFound);
  return { status: 200, body: { ...(p.raw as object), project_id: Number(p.projectId) } };
}
