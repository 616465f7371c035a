// Every failure of a Sentry call becomes a SentryError whose message names the cause and the fix,
// so the editor and the CLI can show it as is. The texts follow the error bodies Sentry really
// sends (docs/sentry-api.md §4.3): `detail` is a string, or an object {code, message, extra}
// for SentryAPIException subclasses such as sso-required and 2fa-required.

export type SentryErrorKind =
  | 'auth'
  | 'permission'
  | 'not-found'
  | 'bad-request'
  | 'query-timeout'
  | 'rate-limited'
  | 'server'
  | 'network'
  | 'timeout'
  | 'config'
  | 'bad-response';

export const TOKEN_HELP =
  'create a User Auth Token (a personal token, sntryu_…) with the scopes org:read, project:read and ' +
  'event:read under Settings → Account → API → Auth Tokens, then sign in again ' +
  '(Hotspot Lens: Sign in to Sentry…, or SENTRY_AUTH_TOKEN for the CLI)';

export class SentryError extends Error {
  constructor(
    readonly kind: SentryErrorKind,
    readonly reason: string,
    readonly fix: string,
    readonly status?: number,
  ) {
    super(`${reason}. Fix: ${fix}.`);
    this.name = 'SentryError';
  }
}

/** Body of a Sentry error answer, reduced to the parts the messages use. */
export interface ErrorDetail {
  readonly text: string;
  readonly code?: string;
  readonly loginUrl?: string;
  readonly errorId?: string;
}

/** Reads `detail` whether it is a string or an object; other bodies (HTML, empty) give ''. */
export function readDetail(body: unknown): ErrorDetail {
  const parsed = typeof body === 'string' ? tryJson(body) : body;
  if (!parsed || typeof parsed !== 'object') return { text: '' };
  const obj = parsed as Record<string, unknown>;
  const errorId = typeof obj.errorId === 'string' ? obj.errorId : undefined;
  const detail = obj.detail;
  if (typeof detail === 'string') return { text: detail, errorId };
  if (detail && typeof detail === 'object') {
    const d = detail as Record<string, unknown>;
    const extra = (d.extra ?? {}) as Record<string, unknown>;
    return {
      text: typeof d.message === 'string' ? d.message : '',
      code: typeof d.code === 'string' ? d.code : undefined,
      loginUrl: typeof extra.loginUrl === 'string' ? extra.loginUrl : undefined,
      errorId,
    };
  }
  return { text: '', errorId };
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** True for the 400 Sentry sends when Snuba gave up on a query (TIMEOUT_ERROR_MESSAGE). */
export function isQueryTimeout(status: number, detail: ErrorDetail): boolean {
  return status === 400 && /time(d)? ?out/i.test(detail.text);
}

/** Context that makes a message concrete: which instance and organization were asked. */
export interface ErrorContext {
  readonly baseUrl: string;
  readonly org?: string;
  readonly what: string;
}

export function errorFromStatus(status: number, body: unknown, ctx: ErrorContext): SentryError {
  const d = readDetail(body);
  const said = d.text ? ` ("${d.text}")` : '';
  const where = `${ctx.baseUrl}${ctx.org ? ` (organization "${ctx.org}")` : ''}`;
  if (status === 401) {
    if (d.code === 'sso-required') {
      const login = d.loginUrl ? ` at ${new URL(d.loginUrl, ctx.baseUrl).toString()}` : '';
      return new SentryError(
        'auth',
        `The organization requires single sign-on${said}`,
        `log in through SSO in the browser${login}, then run the command again`,
        status,
      );
    }
    if (d.code === '2fa-required')
      return new SentryError(
        'auth',
        `The organization requires two-factor authentication${said}`,
        `enable two-factor authentication on your Sentry account, then try again`,
        status,
      );
    if (d.code === 'sudo-required')
      return new SentryError(
        'auth',
        `Sentry asks for a password re-entry (sudo)${said}`,
        `this call should not need sudo; use a token with only read scopes`,
        status,
      );
    if (/not provided/i.test(d.text))
      return new SentryError(
        'auth',
        `Sentry received no token for ${ctx.what}${said}`,
        `sign in to Sentry first: ${TOKEN_HELP}`,
        status,
      );
    if (/org token/i.test(d.text))
      return new SentryError(
        'auth',
        `Sentry rejected the organization auth token${said}`,
        `organization tokens (sntrys_…) cannot read spans; ${TOKEN_HELP}`,
        status,
      );
    if (/expired/i.test(d.text))
      return new SentryError('auth', `The Sentry token has expired${said}`, TOKEN_HELP, status);
    return new SentryError(
      'auth',
      `Sentry at ${ctx.baseUrl} did not accept the token${said}`,
      `check that the token belongs to this Sentry instance, or ${TOKEN_HELP}`,
      status,
    );
  }
  if (status === 403)
    return new SentryError(
      'permission',
      `The token may not read ${ctx.what} on ${where}${said}`,
      `${TOKEN_HELP}; also check that your account is a member of the organization`,
      status,
    );
  if (status === 404)
    return new SentryError(
      'not-found',
      ctx.org
        ? `Sentry at ${ctx.baseUrl} found no ${ctx.what} for organization "${ctx.org}"${said}`
        : `Sentry at ${ctx.baseUrl} has no ${ctx.what}${said}`,
      'check hotspotLens.sentry.url and the organization slug (Select Organization and Projects…); ' +
        'a bare 404 on span queries means the organization lacks the performance features',
      status,
    );
  if (status === 429)
    return new SentryError(
      'rate-limited',
      `Sentry kept rate-limiting ${ctx.what}${said}`,
      'wait a minute before refreshing, and refresh less often',
      status,
    );
  if (isQueryTimeout(status, d))
    return new SentryError(
      'query-timeout',
      `Sentry's query for ${ctx.what} timed out${said}`,
      'choose a shorter hotspotLens.sentry.period (for example 1h) or fewer projects',
      status,
    );
  if (status === 400) {
    const fix = /statsPeriod/i.test(d.text)
      ? 'set hotspotLens.sentry.period to a value like 30m, 24h, 7d or 2w'
      : 'check the project, environment and period settings; the Sentry instance may be too old ' +
        'for the spans dataset (self-hosted needs 25.7.0 or newer)';
    return new SentryError(
      'bad-request',
      `Sentry rejected the request for ${ctx.what}${said}`,
      fix,
      status,
    );
  }
  if (status >= 500) {
    const id = d.errorId ? ` (error id ${d.errorId})` : '';
    return new SentryError(
      'server',
      `Sentry at ${ctx.baseUrl} failed while answering ${ctx.what}: HTTP ${status}${said}${id}`,
      'try again in a few minutes or with a shorter period; on self-hosted Sentry check the server logs',
      status,
    );
  }
  return new SentryError(
    'bad-response',
    `Sentry answered ${ctx.what} with HTTP ${status}${said}`,
    'check that hotspotLens.sentry.url points at the Sentry web address',
    status,
  );
}

/** Replaces every occurrence of the secret in text, so nothing we log or throw can leak it. */
export function redact(text: string, secret: string | undefined): string {
  if (!secret || secret.length < 4) return text;
  return text.split(secret).join('***');
}
