// Failures below HTTP (no answer at all): timeouts, refused connections, DNS and TLS problems.
// The axios error object carries the request config, headers included, so it is never passed
// on; only its code goes into a new SentryError.

import { SentryError, type ErrorContext } from './errors';

function codeOf(err: unknown): string {
  const e = err as { code?: unknown; cause?: { code?: unknown } };
  if (typeof e?.code === 'string') return e.code;
  if (typeof e?.cause?.code === 'string') return e.cause.code;
  return '';
}

const RETRYABLE = new Set(['ECONNABORTED', 'ETIMEDOUT', 'ECONNRESET', 'EPIPE', 'EAI_AGAIN']);

/** axios's report of a connection that died after the headers, half-way through the body. */
function isCutMidBody(err: unknown): boolean {
  return codeOf(err) === 'ERR_BAD_RESPONSE' && /aborted/i.test(String((err as Error)?.message));
}

export function isRetryableTransportError(err: unknown): boolean {
  return RETRYABLE.has(codeOf(err)) || isCutMidBody(err);
}

function seconds(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`;
}

export function describeTransportError(
  err: unknown,
  ctx: ErrorContext,
  timeoutMs: number,
): SentryError {
  const code = codeOf(err);
  if (code === 'ECONNABORTED' || code === 'ETIMEDOUT')
    return new SentryError(
      'timeout',
      `Sentry at ${ctx.baseUrl} did not answer ${ctx.what} within ${seconds(timeoutMs)}`,
      'check the network connection and hotspotLens.sentry.url, or choose a shorter hotspotLens.sentry.period',
    );
  if (isCutMidBody(err))
    return new SentryError(
      'network',
      `The connection to ${ctx.baseUrl} was cut while the answer to ${ctx.what} was arriving`,
      'check the network connection (a proxy or VPN may be dropping long answers), then refresh',
    );
  if (code === 'ECONNREFUSED')
    return new SentryError(
      'network',
      `Nothing is listening at ${ctx.baseUrl} (connection refused)`,
      'check hotspotLens.sentry.url and that the Sentry server is running',
    );
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return new SentryError(
      'network',
      `The host of ${ctx.baseUrl} could not be resolved`,
      'check hotspotLens.sentry.url for typos and your DNS or network connection',
    );
  if (/CERT|SSL|SELF_SIGNED|UNABLE_TO_VERIFY/i.test(code))
    return new SentryError(
      'network',
      `The TLS certificate of ${ctx.baseUrl} was not accepted (${code})`,
      'install the certificate authority of the self-hosted Sentry (NODE_EXTRA_CA_CERTS) or fix the certificate',
    );
  return new SentryError(
    'network',
    `The request to ${ctx.baseUrl} for ${ctx.what} failed${code ? ` (${code})` : ''}`,
    'check the network connection and hotspotLens.sentry.url, then refresh',
  );
}
