// GET /organizations/{org}/events/?dataset=profileFunctions — Sentry's function aggregates (the
// "Slowest functions" widgets: `field=function&field=package&field=sum()&sort=-sum()`, with
// `query=is_application:1`). A row of Sentry's functions table is one function in one profile
// with its durations; here one occurrence is one function in one transaction profile (its active
// thread) or in one chunk thread: `function.duration` = summed durations of the samples whose
// stack holds the function, `function.self_time` = of the samples where it is the leaf. ns.
import { PROJECTS, projectBySlugOrId } from '../config';
import { ApiError, timeWindow, type Reply } from '../http-util';
import { percentile } from '../aggregate';
import { frameFingerprint, sampleDurationsNs, sliceThreads } from './flamegraph';
import type { ProfilingContext } from './routes';

interface Occurrence {
  function: string;
  package: string;
  fingerprint: number;
  is_application: boolean;
  transaction: string;
  project: string;
  'function.duration': number;
  'function.self_time': number;
}

const GROUPABLE = [
  'function',
  'package',
  'fingerprint',
  'is_application',
  'transaction',
  'project',
];
const AGG =
  /^(count|sum|avg|min|max|p50|p75|p90|p95|p99)\((function\.duration|function\.self_time)?\)$/;

function occurrences(ctx: ProfilingContext, q: URLSearchParams): Occurrence[] {
  const wanted = q.getAll('project').filter((p) => p !== '-1');
  const projects = new Set(
    (wanted.length ? wanted.map(projectBySlugOrId) : PROJECTS).flatMap((p) => (p ? [p.id] : [])),
  );
  const envs = q.getAll('environment');
  const [start, end] = timeWindow(q, ctx.nowS);
  const out: Occurrence[] = [];
  for (const p of ctx.profiles.all()) {
    if (!projects.has(p.projectId) || p.end < start || p.start > end) continue;
    if (envs.length > 0 && !envs.includes(p.environment)) continue;
    const durations = sampleDurationsNs(p);
    const only = sliceThreads({ profile: p });
    const perThread = new Map<string, Map<number, Occurrence>>();
    p.samples.forEach((s, i) => {
      if (only && !only.has(s.thread)) return;
      let fns = perThread.get(s.thread);
      if (!fns) perThread.set(s.thread, (fns = new Map()));
      const stack = p.stacks[s.stack];
      const seen = new Set<number>();
      stack.forEach((fi, depth) => {
        const f = p.frames[fi];
        const fp = frameFingerprint(f);
        let o = fns.get(fp);
        if (!o) {
          o = {
            function: f.name,
            package: f.module,
            fingerprint: fp,
            is_application: f.isApplication,
            transaction: p.transaction?.name ?? '',
            project: PROJECTS.find((x) => x.id === p.projectId)?.slug ?? p.projectId,
            'function.duration': 0,
            'function.self_time': 0,
          };
          fns.set(fp, o);
        }
        // Recursion: a sample counts once per function; the leaf (index 0) is the self time.
        if (!seen.has(fp)) o['function.duration'] += durations[i];
        if (depth === 0) o['function.self_time'] += durations[i];
        seen.add(fp);
      });
    });
    for (const fns of perThread.values()) out.push(...fns.values());
  }
  return out;
}

function filterFor(query: string): (o: Occurrence) => boolean {
  const terms = query.match(/(!?[\w.]+):("(?:[^"\\]|\\.)*"|\S+)|\S+/g) ?? [];
  const tests = terms.map((t) => {
    const m = /^(!?)([\w.]+):(.*)$/.exec(t);
    if (!m || !GROUPABLE.includes(m[2]))
      throw new ApiError(400, `Invalid query. ${t} is not supported on profileFunctions here`);
    const value = m[3].replace(/^"(.*)"$/, '$1');
    const key = m[2] as keyof Occurrence;
    const eq = (o: Occurrence): boolean =>
      key === 'is_application'
        ? o.is_application === (value === '1' || value === 'true')
        : String(o[key]) === value;
    return m[1] ? (o: Occurrence) => !eq(o) : eq;
  });
  return (o) => tests.every((f) => f(o));
}

export function handleProfileFunctions(q: URLSearchParams, ctx: ProfilingContext): Reply {
  const fields = q.getAll('field');
  if (fields.length === 0) throw new ApiError(400, 'No columns selected');
  for (const f of fields)
    if (!GROUPABLE.includes(f) && !AGG.test(f))
      throw new ApiError(400, `Unknown field for profileFunctions: ${f}`);
  const groupBy = fields.filter((f) => !AGG.test(f));
  const groups = new Map<string, Occurrence[]>();
  for (const o of occurrences(ctx, q).filter(filterFor(q.get('query') ?? ''))) {
    const key = JSON.stringify(groupBy.map((g) => o[g as keyof Occurrence]));
    const list = groups.get(key);
    if (list) list.push(o);
    else groups.set(key, [o]);
  }
  const rows = [...groups.values()].map((list) => {
    const row: Record<string, unknown> = {};
    for (const f of fields) {
      const m = AGG.exec(f);
      if (!m) {
        row[f] = list[0][f as keyof Occurrence];
        continue;
      }
      const vals = list.map((o) => o[(m[2] || 'function.duration') as keyof Occurrence] as number);
      const sum = vals.reduce((a, b) => a + b, 0);
      row[f] =
        m[1] === 'count'
          ? vals.length
          : m[1] === 'sum'
            ? sum
            : m[1] === 'avg'
              ? sum / vals.length
              : m[1] === 'min'
                ? Math.min(...vals)
                : m[1] === 'max'
                  ? Math.max(...vals)
                  : percentile(vals, Number(m[1].slice(1)) / 100);
    }
    return row;
  });
  const sort = q.get('sort');
  if (sort) {
    const key = sort.replace(/^-/, '');
    if (!fields.includes(key))
      throw new ApiError(400, `Cannot sort by a field that is not selected: ${key}`);
    const dir = sort.startsWith('-') ? -1 : 1;
    rows.sort((a, b) => {
      const x = a[key] as number | string;
      const y = b[key] as number | string;
      return x < y ? -dir : x > y ? dir : 0;
    });
  }
  const perPage = Math.min(Number(q.get('per_page') ?? 50) || 50, 100);
  const meta = Object.fromEntries(
    fields.map((f) => [
      f,
      AGG.test(f)
        ? f.startsWith('count')
          ? 'integer'
          : 'duration'
        : f === 'is_application'
          ? 'boolean'
          : f === 'fingerprint'
            ? 'integer'
            : 'string',
    ]),
  );
  const units = Object.fromEntries(
    fields.map((f) => [f, AGG.test(f) && !f.startsWith('count') ? 'nanosecond' : null]),
  );
  return {
    status: 200,
    body: {
      data: rows.slice(0, perPage),
      meta: { fields: meta, units, dataset: 'profileFunctions' },
    },
  };
}
