// The local Sentry-compatible HTTP server: envelope ingestion plus the REST subset the extension
// calls (docs/sentry-api.md §0), with Sentry's auth errors, Link headers and rate-limit
// headers, so a client cannot tell it from Sentry for these calls.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ORG_SLUG, PROJECTS, USER_SCOPES, organizationJson, projectJson } from './config';
import { handleEvents } from './events';
import { ApiError, DETAIL, djangoQuery, linkHeader, type Reply } from './http-util';
import { ingestEnvelope } from './ingest';
import { OTLP_PROFILES_PATH, receiveOtlpProfiles } from './otlp-receiver';
import { handleProfileFunctions } from './profiling/functions';
import { ProfileStore } from './profiling/profile-store';
import {
  handleChunks,
  handleFlamegraph,
  handleRawFetch,
  type ProfilingContext,
} from './profiling/routes';
import { RateLimiter } from './rate-limit';
import type { SpanStore } from './store';
import { buildTrace } from './trace';
import { traceItemAttributes, traceMeta } from './trace-extras';

export interface LocalSentryOptions {
  store: SpanStore;
  /** Profiles ingested from `profile`/`profile_chunk` items; without it they are ignored. */
  profiles?: ProfileStore;
  /**
   * false emulates an organization without the profiling feature: every profiling route answers
   * 404 with an empty body, as Sentry's `features.has("organizations:profiling")` check does.
   */
  profiling?: boolean;
  tokens: string[];
  host?: string;
  port?: number;
  recordDir?: string;
  /** Where `POST /v1development/profiles` (OTLP/HTTP) saves requests; unset: not saved. */
  otlpDir?: string;
  now?: () => number;
}

export interface LocalSentry {
  server: Server;
  url: string;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, reply: Reply): void {
  if (reply.raw !== undefined) {
    res.writeHead(reply.status, { 'Content-Length': String(reply.raw.length), ...reply.headers });
    res.end(reply.raw);
    return;
  }
  if (reply.body === undefined) {
    // DRF's bare Response(status=404): no body, no JSON content type.
    res.writeHead(reply.status, { 'Content-Length': '0', ...reply.headers });
    res.end();
    return;
  }
  res.writeHead(reply.status, { 'Content-Type': 'application/json', ...reply.headers });
  res.end(JSON.stringify(reply.body));
}

/** A single page listing (orgs, projects): the fixture's Link header with no further pages. */
function listReply(uri: string, q: URLSearchParams, items: unknown[]): Reply {
  const link = linkHeader(
    `${uri}?${djangoQuery(q)}`,
    { cursor: '0:0:1', results: false },
    { cursor: `0:${items.length}:0`, results: false },
  );
  return { status: 200, headers: { Link: link }, body: items };
}

function authenticate(req: IncomingMessage, tokens: string[]): { scopes: string[] } {
  const auth = req.headers.authorization;
  if (!auth) throw new ApiError(401, DETAIL.notAuthenticated);
  const token = /^Bearer\s+(.+)$/i.exec(auth)?.[1]?.trim() ?? '';
  const orgToken = token.startsWith('sntrys_');
  if (!tokens.includes(token))
    throw new ApiError(401, orgToken ? DETAIL.invalidOrgToken : DETAIL.invalidToken);
  return { scopes: orgToken ? ['org:ci'] : USER_SCOPES };
}

export function startLocalSentry(opts: LocalSentryOptions): Promise<LocalSentry> {
  const now = opts.now ?? (() => Date.now() / 1000);
  const limiter = new RateLimiter(50, now);
  const profilingCtx = (): ProfilingContext => ({
    spans: opts.store,
    profiles: opts.profiles ?? new ProfileStore(),
    nowS: now(),
  });
  const featureOff: Reply = { status: 404, body: undefined };
  const orgProfiling = (rest: string, q: URLSearchParams): Reply => {
    if (opts.profiling === false) return featureOff;
    if (rest === 'profiling/flamegraph/') return handleFlamegraph(q, profilingCtx());
    if (rest === 'profiling/chunks/') return handleChunks(q, profilingCtx());
    throw new ApiError(404, DETAIL.notFound);
  };
  const projectProfiling = (project: string, rest: string): Reply => {
    const profile = /^profiling\/profiles\/([0-9a-fA-F-]{32,36})\/$/.exec(rest);
    const chunk = /^profiling\/chunks\/[0-9a-fA-F-]{32,36}\/([0-9a-fA-F-]{32,36})\/$/.exec(rest);
    if ((profile || chunk) && opts.profiling === false) return featureOff;
    if (profile) return handleRawFetch(project, 'profile', profile[1], profilingCtx());
    if (chunk) return handleRawFetch(project, 'chunk', chunk[1], profilingCtx());
    throw new ApiError(404, DETAIL.notFound);
  };
  const route = async (req: IncomingMessage): Promise<Reply> => {
    const url = new URL(req.url ?? '/', 'http://local');
    const base = `http://${req.headers.host ?? 'localhost'}`;
    const q = url.searchParams;
    const ingest = /^\/api\/(\d+)\/envelope\/?$/.exec(url.pathname);
    if (ingest && req.method === 'POST') {
      return ingestEnvelope(ingest[1], q, req.headers, await readBody(req), opts);
    }
    if (url.pathname === OTLP_PROFILES_PATH && req.method === 'POST') {
      return receiveOtlpProfiles(req.headers, await readBody(req), opts.otlpDir);
    }
    if (req.method !== 'GET')
      return { status: 405, body: { detail: `Method "${req.method}" not allowed.` } };
    const who = authenticate(req, opts.tokens);
    if (url.pathname === '/api/0/') {
      return {
        status: 200,
        body: { version: '0', auth: { scopes: who.scopes }, user: localUser() },
      };
    }
    if (url.pathname === '/api/0/users/me/regions/') {
      return { status: 200, body: { regions: [{ name: 'local', url: base }] } };
    }
    if (url.pathname === '/api/0/organizations/') {
      return listReply(base + url.pathname, q, [organizationJson(base)]);
    }
    const projectRoute = /^\/api\/0\/projects\/([^/]+)\/([^/]+)\/(.*)$/.exec(url.pathname);
    if (projectRoute) {
      if (projectRoute[1] !== ORG_SLUG) throw new ApiError(404, DETAIL.notFound);
      if (!who.scopes.includes('project:read')) throw new ApiError(403, DETAIL.forbidden);
      return projectProfiling(projectRoute[2], projectRoute[3]);
    }
    const org = /^\/api\/0\/organizations\/([^/]+)\/(.*)$/.exec(url.pathname);
    if (!org || org[1] !== ORG_SLUG) throw new ApiError(404, DETAIL.notFound);
    if (!who.scopes.includes('org:read')) throw new ApiError(403, DETAIL.forbidden);
    const rest = org[2];
    if (rest === 'projects/') {
      const items = PROJECTS.map((p) => projectJson(p, opts.store.environments(p.id)));
      return listReply(base + url.pathname, q, items);
    }
    if (rest.startsWith('profiling/')) return orgProfiling(rest, q);
    if (rest === 'events/') {
      const limit = limiter.take(req.headers.authorization ?? '');
      if (!limit.allowed) {
        return {
          status: 429,
          headers: { ...limit.headers, 'Content-Type': 'text/html; charset=utf-8' },
          body: { detail: DETAIL.rateLimited },
        };
      }
      const dataset = q.get('dataset');
      const reply =
        dataset === 'profileFunctions' || dataset === 'profile_functions'
          ? opts.profiling === false
            ? { status: 400, body: { detail: 'This dataset is not available.' } }
            : handleProfileFunctions(q, profilingCtx())
          : handleEvents(q, { store: opts.store, uri: base + url.pathname, nowS: now() });
      return { ...reply, headers: { ...limit.headers, ...reply.headers } };
    }
    const trace = /^trace(-meta)?\/([0-9a-fA-F]{32})\/$/.exec(rest);
    if (trace) {
      const id = trace[2].toLowerCase();
      const body = trace[1]
        ? traceMeta(id, q, opts.store, now())
        : buildTrace(id, q, opts.store, now());
      return { status: 200, body };
    }
    if (rest === 'trace-items/attributes/') {
      return { status: 200, body: traceItemAttributes(q, opts.store, now()) };
    }
    throw new ApiError(404, DETAIL.notFound);
  };

  const server = createServer((req, res) => {
    route(req).then(
      (reply) => send(res, reply),
      (err: unknown) => {
        if (err instanceof ApiError) {
          const headers: Record<string, string> =
            err.status === 401 ? { 'WWW-Authenticate': 'Bearer' } : {};
          send(res, { status: err.status, headers, body: { detail: err.detail } });
        } else {
          console.error('local-sentry: request failed:', err);
          send(res, { status: 500, body: { detail: DETAIL.queryFailed } });
        }
      },
    );
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 9010, opts.host ?? '127.0.0.1', () => {
      const addr = server.address() as AddressInfo;
      resolve({
        server,
        url: `http://${addr.address}:${addr.port}`,
        close: () => new Promise((r) => server.close(() => r())),
      });
    });
  });
}

function localUser(): Record<string, string> {
  return { id: '1', name: 'local-demo', username: 'local-demo', email: 'local-demo@example.com' };
}
