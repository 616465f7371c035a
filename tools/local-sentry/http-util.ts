// Request-parameter helpers shared by the endpoints: the time window, errors in Sentry's
// `{"detail": …}` shape, and Django-style query strings for `Link` headers.
export interface Reply {
  status: number;
  headers?: Record<string, string>;
  body: unknown;
  /** Sent as is instead of `body` as JSON (the OTLP receiver's protobuf and text answers). */
  raw?: Buffer;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly detail: unknown,
  ) {
    super(typeof detail === 'string' ? detail : JSON.stringify(detail));
  }
}

/** With no period at all Sentry falls back to 90 days (MAX_STATS_PERIOD in api/utils.py). */
const DEFAULT_PERIOD_S = 90 * 86400;
const UNIT_S: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };

/** `[start, end]` in epoch seconds from statsPeriod, or start+end, as api/utils.py reads them. */
export function timeWindow(q: URLSearchParams, nowS: number): [number, number] {
  const period = q.get('statsPeriod');
  if (period !== null) {
    const m = /^(\d+)([smhdw]?)$/.exec(period);
    if (!m) throw new ApiError(400, `Invalid statsPeriod: '${period}'`);
    return [nowS - Number(m[1]) * UNIT_S[m[2] || 's'], nowS];
  }
  const start = q.get('start');
  const end = q.get('end');
  if (start === null && end === null) return [nowS - DEFAULT_PERIOD_S, nowS];
  if (start === null || end === null) throw new ApiError(400, 'start and end are both required');
  // Sentry reads naive datetimes as UTC.
  const parse = (v: string): number =>
    Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(v) ? v : v + 'Z') / 1000;
  const [s, e] = [parse(start), parse(end)];
  if (!Number.isFinite(s) || !Number.isFinite(e))
    throw new ApiError(400, 'start or end is not a valid date');
  if (s >= e) throw new ApiError(400, 'start must be before end');
  return [s, e];
}

/** Python's quote_plus, which Django's urlencode uses: only `A-Za-z0-9_.-~` stay literal. */
function quotePlus(s: string): string {
  return encodeURIComponent(s)
    .replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase())
    .replace(/%20/g, '+');
}

/** The request's query string without `cursor`, rebuilt as build_cursor_link does. */
export function djangoQuery(q: URLSearchParams): string {
  const parts: string[] = [];
  for (const [k, v] of q) if (k !== 'cursor') parts.push(`${quotePlus(k)}=${quotePlus(v)}`);
  return parts.join('&');
}

/** CURSOR_LINK_HEADER from src/sentry/api/base.py, both `previous` and `next` always present. */
export function linkHeader(
  uri: string,
  prev: { cursor: string; results: boolean },
  next: { cursor: string; results: boolean },
): string {
  const one = (c: { cursor: string; results: boolean }, rel: string): string =>
    `<${uri}&cursor=${c.cursor}>; rel="${rel}"; results="${c.results}"; cursor="${c.cursor}"`;
  return `${one(prev, 'previous')}, ${one(next, 'next')}`;
}

/** `value:offset:is_prev` (GenericOffsetPaginator); only the offset matters here. */
export function parseCursor(cursor: string | null): number {
  if (cursor === null || cursor === '') return 0;
  const m = /^(-?\d+(?:\.\d+)?):(\d+):([01])$/.exec(cursor);
  if (!m) throw new ApiError(400, 'Invalid cursor parameter.');
  return Number(m[2]);
}

export function parsePerPage(q: URLSearchParams): number {
  const raw = q.get('per_page');
  if (raw === null) return 100;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new ApiError(400, 'Invalid per_page parameter.');
  if (n > 100) throw new ApiError(400, 'Invalid per_page parameter. Max allowed value is 100.');
  return n;
}

/**
 * Error details with Sentry's exact wording (copied in test/fixtures/sentry/errors, where the
 * unit test checks they stay identical).
 */
export const DETAIL = {
  notAuthenticated: 'Authentication credentials were not provided.',
  invalidToken: 'Invalid token',
  invalidOrgToken: 'Invalid org token',
  forbidden: 'You do not have permission to perform this action.',
  notFound: 'The requested resource does not exist',
  rateLimited:
    'You are attempting to use this endpoint too frequently. Limit is 50 requests in 1 seconds',
  queryFailed: 'Internal error. Your query failed to run.',
} as const;
