// The Sentry REST client: token check, organizations, the region each organization lives in,
// projects, and paged GETs on organization endpoints. Query building lives in span-stats.ts,
// samples.ts and trace.ts; the HTTP policy in http.ts. Nothing here imports vscode.

import { apiUrl, isSaasUrl, normalizeBaseUrl } from './base-url';
import { SentryError } from './errors';
import { SentryHttp, type HttpAnswer, type HttpDeps, type Params, type SentryLog } from './http';
import { DEFAULT_MAX_PAGES, nextCursor } from './pagination';
import { checkApiRoot, checkTokenShape, type TokenInfo } from './token';

export interface SentryClientOptions extends HttpDeps {
  /** sentry.io or the self-hosted web address. */
  readonly url: string;
  readonly token: string;
  /**
   * Look up each organization's links.regionUrl before organization calls. Defaults to true for
   * sentry.io; tests turn it on for a loopback server.
   */
  readonly regionLookup?: boolean;
  readonly maxPages?: number;
}

export interface SentryOrg {
  readonly slug: string;
  readonly name: string;
  readonly regionUrl?: string;
}

export interface SentryProject {
  readonly id: string;
  readonly slug: string;
  readonly name: string;
  readonly platform?: string;
  readonly environments: readonly string[];
}

interface RawOrg {
  slug?: unknown;
  name?: unknown;
  links?: { regionUrl?: unknown } | null;
}

export class SentryClient {
  readonly baseUrl: string;
  readonly isSaas: boolean;
  readonly http: SentryHttp;
  private readonly regionLookup: boolean;
  private readonly maxPages: number;
  private readonly regions = new Map<string, Promise<string>>();
  private readonly projectLists = new Map<string, Promise<SentryProject[]>>();

  constructor(opts: SentryClientOptions) {
    checkTokenShape(opts.token);
    this.baseUrl = normalizeBaseUrl(opts.url);
    this.isSaas = isSaasUrl(this.baseUrl);
    this.regionLookup = opts.regionLookup ?? this.isSaas;
    this.maxPages = opts.maxPages ?? DEFAULT_MAX_PAGES;
    this.http = new SentryHttp(opts.token.trim(), opts);
  }

  get log(): SentryLog {
    return this.http.log;
  }

  /** GET /api/0/: is the token valid here, and does it have org:read, project:read, event:read? */
  async checkToken(): Promise<TokenInfo> {
    const ctx = { baseUrl: this.baseUrl, what: 'the token check (GET /api/0/)' };
    const { data } = await this.http.get<unknown>(apiUrl(this.baseUrl, '/api/0/'), {}, ctx);
    const info = checkApiRoot(data);
    this.log.info(`Sentry token accepted by ${this.baseUrl}; scopes: ${info.scopes.join(' ')}`);
    return info;
  }

  async listOrganizations(base = this.baseUrl): Promise<SentryOrg[]> {
    const ctx = { baseUrl: base, what: 'the list of organizations' };
    const pages = await this.pages<RawOrg[]>(apiUrl(base, '/api/0/organizations/'), {}, ctx);
    return pages.flat().map((o) => ({
      slug: String(o.slug ?? ''),
      name: String(o.name ?? o.slug ?? ''),
      regionUrl: typeof o.links?.regionUrl === 'string' ? o.links.regionUrl : undefined,
    }));
  }

  /**
   * The base URL for calls on one organization: its links.regionUrl on sentry.io (resolved once
   * per client), the configured URL for self-hosted.
   */
  regionFor(org: string): Promise<string> {
    if (!this.regionLookup) return Promise.resolve(this.baseUrl);
    let region = this.regions.get(org);
    if (!region) {
      region = this.lookUpRegion(org);
      region.catch(() => this.regions.delete(org));
      this.regions.set(org, region);
    }
    return region;
  }

  private async lookUpRegion(org: string): Promise<string> {
    let found = (await this.listOrganizations()).find((o) => o.slug === org);
    if (!found) {
      // sentry.io lists the organizations of one region per call; ask the others too.
      for (const region of await this.listRegions()) {
        found = (await this.listOrganizations(region)).find((o) => o.slug === org);
        if (found) break;
      }
    }
    if (!found)
      throw new SentryError(
        'not-found',
        `The token cannot see an organization "${org}" on ${this.baseUrl}`,
        'pick the organization with Select Organization and Projects… (the slug is in the Sentry URL)',
        404,
      );
    const region = found.regionUrl
      ? normalizeBaseUrl(found.regionUrl, 'links.regionUrl')
      : this.baseUrl;
    this.log.info(`Sentry organization ${org} is served by ${region}`);
    return region;
  }

  private async listRegions(): Promise<string[]> {
    try {
      const ctx = { baseUrl: this.baseUrl, what: 'the list of regions' };
      const { data } = await this.http.get<{ regions?: { url?: unknown }[] }>(
        apiUrl(this.baseUrl, '/api/0/users/me/regions/'),
        {},
        ctx,
      );
      return (data.regions ?? [])
        .map((r) => String(r.url ?? ''))
        .filter((u) => u && u !== this.baseUrl)
        .map((u) => normalizeBaseUrl(u, 'regions[].url'));
    } catch (e) {
      // sentry-cli treats a missing endpoint (older or self-hosted servers) as "no regions".
      if (e instanceof SentryError && e.kind === 'not-found') return [];
      throw e;
    }
  }

  listProjects(org: string): Promise<SentryProject[]> {
    let list = this.projectLists.get(org);
    if (!list) {
      list = this.orgPages<Record<string, unknown>[]>(
        org,
        'projects/',
        { per_page: 100 },
        'the list of projects',
      ).then((pages) =>
        pages.flat().map((p) => ({
          id: String(p.id ?? ''),
          slug: String(p.slug ?? ''),
          name: String(p.name ?? p.slug ?? ''),
          platform: typeof p.platform === 'string' ? p.platform : undefined,
          environments: Array.isArray(p.environments) ? p.environments.map(String) : [],
        })),
      );
      list.catch(() => this.projectLists.delete(org));
      this.projectLists.set(org, list);
    }
    return list;
  }

  /** Project filters as ids: numbers pass through, slugs are looked up in the project list. */
  async projectIds(org: string, projects: readonly string[]): Promise<string[]> {
    if (projects.every((p) => /^-?\d+$/.test(p))) return [...projects];
    const known = await this.listProjects(org);
    return projects.map((p) => {
      if (/^-?\d+$/.test(p)) return p;
      const hit = known.find((k) => k.slug === p);
      if (!hit)
        throw new SentryError(
          'not-found',
          `Organization "${org}" has no project "${p}" that the token can see`,
          `use one of: ${known.map((k) => k.slug).join(', ') || '(none)'}`,
          404,
        );
      return hit.id;
    });
  }

  async orgGet<T>(org: string, path: string, params: Params, what: string): Promise<HttpAnswer<T>> {
    const base = await this.regionFor(org);
    const url = apiUrl(base, `/api/0/organizations/${encodeURIComponent(org)}/${path}`);
    return this.http.get<T>(url, params, { baseUrl: base, org, what });
  }

  /** Every page of an organization endpoint, following `next` while results="true", capped. */
  async orgPages<T>(org: string, path: string, params: Params, what: string): Promise<T[]> {
    const base = await this.regionFor(org);
    const url = apiUrl(base, `/api/0/organizations/${encodeURIComponent(org)}/${path}`);
    return this.pages<T>(url, params, { baseUrl: base, org, what });
  }

  private async pages<T>(
    url: string,
    params: Params,
    ctx: { baseUrl: string; org?: string; what: string },
  ): Promise<T[]> {
    const out: T[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < this.maxPages; page++) {
      const answer = await this.http.get<T>(url, cursor ? { ...params, cursor } : params, ctx);
      out.push(answer.data);
      const link = answer.headers.link ?? answer.headers.Link;
      cursor = nextCursor(typeof link === 'string' ? link : undefined);
      if (!cursor) return out;
    }
    this.log.warn(
      `Sentry: stopped after ${this.maxPages} pages of ${ctx.what}; the rest is left out`,
    );
    return out;
  }
}
