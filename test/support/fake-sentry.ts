// A real HTTP server on 127.0.0.1 that answers like Sentry from the fixture manifest
// (test/fixtures/sentry/manifest.json: routes tried in order, first match wins). Tests can queue
// one-shot answers (429, 5xx, error bodies, delays) in front of the manifest, and read back every
// request the client made, headers included.

import { readFileSync } from 'fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'http';
import type { AddressInfo } from 'net';
import { join } from 'path';

export const FIXTURES = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'sentry');

interface Route {
  name: string;
  match: {
    method?: string;
    path?: string;
    path_prefix?: string;
    header_absent?: string;
    header?: Record<string, string>;
    header_prefix?: Record<string, string>;
    query?: Record<string, string | string[]>;
  };
  status: number;
  headers?: Record<string, string>;
  body?: string;
  body_inline?: unknown;
}

export interface Recorded {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingMessage['headers'];
  readonly route: string;
}

export interface Injection {
  /** Only requests this accepts are answered by the injection (default: every request). */
  readonly when?: (path: string, query: URLSearchParams) => boolean;
  readonly status?: number;
  readonly headers?: Record<string, string>;
  /** A fixture path relative to test/fixtures/sentry, or a value sent as JSON. */
  readonly bodyFile?: string;
  readonly body?: unknown;
  /** Hold the answer this long (for client timeouts). */
  readonly delayMs?: number;
}

const manifest = JSON.parse(readFileSync(join(FIXTURES, 'manifest.json'), 'utf8')) as {
  routes: Route[];
};
const SAAS_REGION = 'https://us.sentry.io';

export class FakeSentry {
  readonly requests: Recorded[] = [];
  private readonly injections: Injection[] = [];
  private server?: Server;
  /** Replaces https://us.sentry.io in organization bodies and Link headers (region routing). */
  regionUrl?: string;

  get url(): string {
    const { port } = this.server!.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  /** Queue one-shot answers; each is used once, by the first request it accepts. */
  inject(...items: Injection[]): void {
    this.injections.push(...items);
  }

  requestsTo(pathPart: string): Recorded[] {
    return this.requests.filter((r) => r.path.includes(pathPart));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const u = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = u.pathname;
    const i = this.injections.findIndex((inj) => !inj.when || inj.when(path, u.searchParams));
    if (i >= 0) {
      const [inj] = this.injections.splice(i, 1);
      this.record(req, u, 'injected');
      if (inj.delayMs) await new Promise((r) => setTimeout(r, inj.delayMs));
      if (res.destroyed) return;
      const body = inj.bodyFile
        ? readFileSync(join(FIXTURES, inj.bodyFile), 'utf8')
        : JSON.stringify(inj.body ?? {});
      res.writeHead(inj.status ?? 200, { 'Content-Type': 'application/json', ...inj.headers });
      res.end(body);
      return;
    }
    const route = manifest.routes.find((r) => matches(r, req, path, u.searchParams));
    this.record(req, u, route?.name ?? 'unmatched');
    if (!route) {
      res.writeHead(404, { 'Content-Type': 'application/json' });
      res.end(readFileSync(join(FIXTURES, 'errors/404.not-found.json')));
      return;
    }
    let body =
      route.body !== undefined
        ? readFileSync(join(FIXTURES, route.body), 'utf8')
        : JSON.stringify(route.body_inline ?? null);
    const headers = { ...route.headers };
    const region = this.regionUrl ?? this.url;
    if (route.name === 'organizations')
      body = body.split(`"${SAAS_REGION}"`).join(JSON.stringify(region));
    if (headers.Link) headers.Link = headers.Link.split(SAAS_REGION).join(region);
    res.writeHead(route.status, headers);
    res.end(body);
  }

  private record(req: IncomingMessage, u: URL, route: string): void {
    this.requests.push({
      method: req.method ?? 'GET',
      path: u.pathname,
      query: u.searchParams,
      headers: req.headers,
      route,
    });
  }
}

function matches(r: Route, req: IncomingMessage, path: string, q: URLSearchParams): boolean {
  const m = r.match;
  if (m.method && m.method !== req.method) return false;
  if (m.path && m.path !== path) return false;
  if (m.path_prefix && !path.startsWith(m.path_prefix)) return false;
  if (m.header_absent && req.headers[m.header_absent.toLowerCase()] !== undefined) return false;
  for (const [k, v] of Object.entries(m.header ?? {}))
    if (req.headers[k.toLowerCase()] !== v) return false;
  for (const [k, v] of Object.entries(m.header_prefix ?? {}))
    if (!String(req.headers[k.toLowerCase()] ?? '').startsWith(v)) return false;
  for (const [k, v] of Object.entries(m.query ?? {})) {
    const have = q.getAll(k);
    if (!(Array.isArray(v) ? v : [v]).every((want) => have.includes(want))) return false;
  }
  return true;
}

/** Collects every log line the client writes, at every level, for "no token in logs" checks. */
export class LogRecorder {
  readonly lines: string[] = [];
  debug = (m: string): void => void this.lines.push(`debug ${m}`);
  info = (m: string): void => void this.lines.push(`info ${m}`);
  warn = (m: string): void => void this.lines.push(`warn ${m}`);
  error = (m: string): void => void this.lines.push(`error ${m}`);
}

/** A clock that never moves on its own and a sleep that only records how long it was asked for. */
export function fixedTime(nowMs: number): {
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  sleeps: number[];
} {
  const sleeps: number[] = [];
  let now = nowMs;
  return {
    now: () => now,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      now += ms;
    },
    sleeps,
  };
}
