// Token checks that need no guessing: the prefix tells an organization auth token (sntrys_, fixed
// scope org:ci, refused by /events/ and /trace/) from a user or integration token, and
// GET /api/0/ lists the scopes the token really has (getsentry/sentry src/sentry/types/token.py,
// docs/sentry-api.md §1.1).

import { SentryError, TOKEN_HELP } from './errors';

export const REQUIRED_SCOPES = ['org:read', 'project:read', 'event:read'] as const;

export type TokenKind = 'user' | 'org' | 'user-app' | 'integration' | 'legacy';

export function tokenKind(token: string): TokenKind {
  if (token.startsWith('sntrys_')) return 'org';
  if (token.startsWith('sntryu_')) return 'user';
  if (token.startsWith('sntrya_')) return 'user-app';
  if (token.startsWith('sntryi_')) return 'integration';
  return 'legacy';
}

/** Rejects what cannot work before any request is made. */
export function checkTokenShape(token: string): void {
  const t = token.trim();
  if (t === '') throw new SentryError('auth', 'No Sentry token is set', TOKEN_HELP);
  if (/\s/.test(t))
    throw new SentryError(
      'auth',
      'The Sentry token contains spaces or line breaks',
      'paste only the token itself, without "Bearer" or quotes',
    );
  if (tokenKind(t) === 'org')
    throw new SentryError(
      'auth',
      'This is an organization auth token (sntrys_…, scope org:ci), which Sentry accepts only for ' +
        'releases and source maps, not for reading spans or traces',
      TOKEN_HELP,
    );
}

/** A scope is satisfied by itself or by the write/admin scope of the same resource. */
function allows(scopes: readonly string[], needed: string): boolean {
  const [resource] = needed.split(':');
  return [needed, `${resource}:write`, `${resource}:admin`].some((s) => scopes.includes(s));
}

export function missingScopes(scopes: readonly string[]): string[] {
  if (scopes.includes('org:ci') && !scopes.includes('org:read')) return [...REQUIRED_SCOPES];
  return REQUIRED_SCOPES.filter((s) => !allows(scopes, s));
}

export interface TokenInfo {
  readonly scopes: readonly string[];
  readonly user?: string;
}

/** Reads the body of GET /api/0/ and throws when a scope the extension needs is missing. */
export function checkApiRoot(body: unknown): TokenInfo {
  const root = (body ?? {}) as {
    auth?: { scopes?: unknown } | null;
    user?: { email?: unknown; username?: unknown } | null;
  };
  if (!root.auth || !Array.isArray(root.auth.scopes))
    throw new SentryError(
      'auth',
      'Sentry did not recognise the token (no auth information in GET /api/0/)',
      TOKEN_HELP,
    );
  const scopes = root.auth.scopes.filter((s): s is string => typeof s === 'string');
  const missing = missingScopes(scopes);
  if (missing.length)
    throw new SentryError(
      'permission',
      `The token lacks the scope${missing.length > 1 ? 's' : ''} ${missing.join(', ')} ` +
        `(it has ${scopes.length ? scopes.join(', ') : 'none'})`,
      TOKEN_HELP,
    );
  const who = root.user?.email ?? root.user?.username;
  return { scopes, user: typeof who === 'string' ? who : undefined };
}
