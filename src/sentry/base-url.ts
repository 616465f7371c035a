// Which Sentry the user means: sentry.io (SaaS, with regions and customer domains) or a
// self-hosted instance at its own URL. The token travels in a header on every call, so plain
// HTTP is refused except on loopback, where a local server (tools/local-sentry) cannot leak it.

import { SentryError } from './errors';

const SAAS_HOST = /(^|\.)sentry\.io$/i;

export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

export function isSaasUrl(url: string): boolean {
  try {
    return SAAS_HOST.test(new URL(url).hostname);
  } catch {
    return false;
  }
}

/**
 * Checks and normalises a configured or server-given base URL: absolute, http(s), HTTPS unless
 * loopback, no credentials, no query; the result has no trailing slash and no `/api/0` suffix.
 */
export function normalizeBaseUrl(raw: string, setting = 'hotspotLens.sentry.url'): string {
  const text = raw.trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new SentryError(
      'config',
      `"${text}" is not a URL`,
      `set ${setting} to the web address of Sentry, for example https://sentry.io`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new SentryError(
      'config',
      `${text} is not an http(s) URL`,
      `set ${setting} to an https:// address`,
    );
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname))
    throw new SentryError(
      'config',
      `${text} uses plain HTTP, which would expose the token`,
      `use the https:// address of the Sentry instance (plain HTTP is allowed only for 127.0.0.1 and localhost)`,
    );
  if (url.username || url.password)
    throw new SentryError(
      'config',
      `${url.host} has credentials in the URL`,
      `remove them from ${setting}; the token is stored separately`,
    );
  const path = url.pathname.replace(/\/+$/, '').replace(/\/api\/0$/, '');
  return `${url.protocol}//${url.host}${path}`;
}

/** Joins a normalised base with an API path such as `/api/0/organizations/`. */
export function apiUrl(base: string, path: string): string {
  return `${base}${path.startsWith('/') ? path : `/${path}`}`;
}
