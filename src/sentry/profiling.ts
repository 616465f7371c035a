// Sentry Profiling through the REST API: the organization flamegraph
// (`GET /api/0/organizations/{org}/profiling/flamegraph/`, getsentry/sentry
// organization_profiling_profiles.py `OrganizationProfilingFlamegraphEndpoint`) with the
// parameters Sentry's own UI sends (static/app/utils/profiling/hooks/
// useAggregateFlamegraphQuery.ts: `project`, `environment`, `statsPeriod`,
// `query=transaction:…`, and `fingerprint` for one function). Sentry answers one project per
// request, so each project is asked and the answers are joined (flamegraph-merge.ts). A
// function is found by name in the `profileFunctions` dataset, whose rows carry the
// fingerprint the flamegraph takes (`dataSource=functions`). See docs/sentry-api.md.

import type { SentryClient } from './client';
import { SentryError, TOKEN_HELP } from './errors';
import { flamegraphSamples, mergeFlamegraphs, type FlamegraphPart } from './flamegraph-merge';
import type { Params } from './http';
import { searchValue } from './samples';

export interface FlamegraphQuery {
  readonly org: string;
  /** Project ids or slugs; empty = every project the token can see. */
  readonly projects: readonly string[];
  readonly environment?: string;
  /** statsPeriod such as 24h. */
  readonly period: string;
  /** Only the profiles of this transaction (Sentry's `transaction:` filter). */
  readonly transaction?: string;
  /** Only the profiles in which this function ran (by name, every package). */
  readonly function?: string;
  /**
   * Only the samples taken inside these spans (Sentry's `dataSource=spans` with `id:[…]`):
   * "CPU in the slowest spans", where `spansLabel` says which (`5 slowest spans of f`).
   */
  readonly spanIds?: readonly string[];
  readonly spansLabel?: string;
}

export interface FlamegraphResult {
  /** One flamegraph response (joined over projects and functions), for the core importer. */
  readonly body: Record<string, unknown>;
  /** Where it came from, for status bars and titles: `Sentry acme-shop/shop-backend · 24h`. */
  readonly source: string;
  /** Samples per part that had any. */
  readonly parts: readonly { label: string; samples: number }[];
  readonly notes: readonly string[];
}

interface FunctionRow {
  function?: unknown;
  package?: unknown;
  fingerprint?: unknown;
}

export async function fetchFlamegraph(
  client: SentryClient,
  q: FlamegraphQuery,
): Promise<FlamegraphResult> {
  const projects = await resolveProjects(client, q);
  const parts: FlamegraphPart[] = [];
  const counts: { label: string; samples: number }[] = [];
  const notes: string[] = [];
  for (const project of projects) {
    const base: Params = {
      project: [project.id],
      environment: q.environment ? [q.environment] : undefined,
      statsPeriod: q.period,
    };
    const query = q.transaction ? `transaction:${searchValue(q.transaction)}` : undefined;
    const requests: { label: string; params: Params }[] = [];
    if (q.function !== undefined) {
      const fingerprints = await functionFingerprints(client, q, project, base, query);
      if (fingerprints.length === 0) {
        notes.push(`${project.slug}: no function named ${q.function} in its profiles`);
        continue;
      }
      for (const fp of fingerprints) {
        requests.push({
          label: `${project.slug}: ${fp.label}`,
          params: { ...base, query, dataSource: 'functions', fingerprint: fp.fingerprint },
        });
      }
    } else if (q.spanIds?.length) {
      // The span's own time on its thread, in transaction profiles and profile chunks alike.
      const ids = `id:[${q.spanIds.map((id) => searchValue(id)).join(',')}]`;
      requests.push({
        label: project.slug,
        params: { ...base, dataSource: 'spans', query: [ids, query].filter(Boolean).join(' ') },
      });
    } else {
      requests.push({ label: project.slug, params: { ...base, query } });
    }
    for (const r of requests) {
      const body = await getFlamegraph(client, q.org, project.slug, r.params);
      const samples = flamegraphSamples(body);
      if (samples === 0) continue;
      parts.push({ label: r.label, body });
      counts.push({ label: r.label, samples });
    }
  }
  const source = describe(
    q,
    projects.map((p) => p.slug),
  );
  if (parts.length === 0 && q.function !== undefined && notes.length === projects.length) {
    throw new SentryError(
      'not-found',
      `No function named "${q.function}" ran in the profiles of ${source}`,
      'check the name as Sentry shows it (Python methods with their class, e.g. Report.build; ' +
        'Node anonymous functions have no name) or widen the period',
    );
  }
  if (parts.length === 0) {
    throw new SentryError(
      'not-found',
      `No profile samples in ${source}`,
      'widen the period, check the project, environment and transaction, or check that the SDK ' +
        'profiles (sentry-sdk profiles_sample_rate or profile_session_sample_rate; ' +
        '@sentry/profiling-node with profileSessionSampleRate)',
    );
  }
  return { body: mergeFlamegraphs(parts, source), source, parts: counts, notes };
}

async function resolveProjects(
  client: SentryClient,
  q: FlamegraphQuery,
): Promise<{ id: string; slug: string }[]> {
  const known = await client.listProjects(q.org).catch((e: unknown) => {
    // Numeric ids need no list; a token that may not list projects still gets its flamegraph.
    if (q.projects.length > 0 && q.projects.every((p) => /^\d+$/.test(p))) return [];
    throw e;
  });
  if (q.projects.length === 0) return known.map((p) => ({ id: p.id, slug: p.slug }));
  const ids = await client.projectIds(q.org, q.projects);
  return ids.map((id) => ({ id, slug: known.find((k) => k.id === id)?.slug ?? id }));
}

/** The functions named `q.function` in the project's profiles, one row per package. */
async function functionFingerprints(
  client: SentryClient,
  q: FlamegraphQuery,
  project: { id: string; slug: string },
  base: Params,
  query: string | undefined,
): Promise<{ fingerprint: string; label: string }[]> {
  const search = [`function:${searchValue(q.function ?? '')}`, query].filter(Boolean).join(' ');
  const params: Params = {
    ...base,
    dataset: 'profileFunctions',
    field: ['function', 'package', 'fingerprint', 'count()'],
    query: search,
    sort: '-count()',
    per_page: 20,
  };
  let rows: FunctionRow[];
  try {
    const answer = await client.orgGet<{ data?: FunctionRow[] }>(
      q.org,
      'events/',
      params,
      `the functions of project ${project.slug}`,
    );
    rows = Array.isArray(answer.data.data) ? answer.data.data : [];
  } catch (e) {
    throw profilingError(e, client, q.org, project.slug);
  }
  const out: { fingerprint: string; label: string }[] = [];
  for (const r of rows) {
    const fp =
      typeof r.fingerprint === 'number' || typeof r.fingerprint === 'string'
        ? String(r.fingerprint)
        : '';
    if (!/^\d+$/.test(fp) || out.some((o) => o.fingerprint === fp)) continue;
    const pkg = typeof r.package === 'string' && r.package ? ` (${r.package})` : '';
    out.push({ fingerprint: fp, label: `${String(r.function ?? q.function)}${pkg}` });
  }
  return out;
}

async function getFlamegraph(
  client: SentryClient,
  org: string,
  project: string,
  params: Params,
): Promise<unknown> {
  try {
    const answer = await client.orgGet<unknown>(
      org,
      'profiling/flamegraph/',
      params,
      `the profiling flamegraph of project ${project}`,
    );
    const body = answer.data;
    if (
      typeof body !== 'object' ||
      body === null ||
      !Array.isArray((body as { profiles?: unknown }).profiles)
    ) {
      throw new SentryError(
        'bad-response',
        `Sentry answered the flamegraph of project ${project} with something that is not a flamegraph`,
        'check that hotspotLens.sentry.url points at the Sentry web address',
      );
    }
    return body;
  } catch (e) {
    throw profilingError(e, client, org, project);
  }
}

/**
 * Sentry answers a bare 404 when the organization lacks the `organizations:profiling` feature
 * (the endpoint's first check), and the functions dataset a 400 "not available"; 403 is a token
 * without the scope or an account outside the project's teams.
 */
function profilingError(e: unknown, client: SentryClient, org: string, project: string): unknown {
  if (!(e instanceof SentryError)) return e;
  const said = / \("(.*)"\)$/.exec(e.reason)?.[1];
  if (e.status === 404 || (e.status === 400 && /not available|dataset/i.test(said ?? ''))) {
    return new SentryError(
      'not-found',
      `This Sentry has no profiling (or it is off for the organization): ${client.baseUrl} answered ` +
        `${e.status}${said ? ` ("${said}")` : ' with an empty body'} for the profiling data of ` +
        `organization "${org}"`,
      'profiling needs a sentry.io plan with Profiling, or self-hosted Sentry with the profiling ' +
        'service (vroom) and the organizations:profiling feature; also check the organization ' +
        'slug. Until then the span lenses (hotspot-lens sentry spans) still work',
      e.status,
    );
  }
  if (e.status === 403) {
    return new SentryError(
      'permission',
      `The token may not read the profiling data of project ${project} in "${org}"${said ? ` ("${said}")` : ''}`,
      'the flamegraph is an events endpoint: the token needs the scope event:read, plus org:read ' +
        'and project:read to find the organization and its projects, and your account must be in a ' +
        `team of project ${project}; ${TOKEN_HELP}`,
      e.status,
    );
  }
  return e;
}

function describe(q: FlamegraphQuery, projects: readonly string[]): string {
  const parts = [`Sentry ${q.org}/${projects.join(',') || '(no projects)'}`];
  if (q.environment) parts.push(q.environment);
  parts.push(`last ${q.period}`);
  if (q.transaction) parts.push(`transaction ${q.transaction}`);
  if (q.function) parts.push(`function ${q.function}`);
  if (q.spanIds?.length) parts.push(q.spansLabel ?? `${q.spanIds.length} spans`);
  return parts.join(' · ');
}
