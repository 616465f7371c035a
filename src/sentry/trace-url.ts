// The web address of a trace, from a user-overridable template. Defaults follow the Sentry UI's
// getTraceDetailsUrl (explore/traces route; docs/sentry-api.md §3.3): sentry.io uses customer domains
// (`https://{org}.sentry.io/…`), self-hosted keeps `/organizations/{org}` in the path. Older
// self-hosted UIs need `…/performance/trace/{traceId}/`, hence the template setting.

import { isSaasUrl } from './base-url';

export const SAAS_TRACE_TEMPLATE =
  'https://{org}.sentry.io/explore/traces/trace/{traceId}/?node=span-{spanId}&timestamp={timestamp}';
export const SELF_HOSTED_TRACE_TEMPLATE =
  '{url}/organizations/{org}/explore/traces/trace/{traceId}/?node=span-{spanId}&timestamp={timestamp}';

export interface TraceLink {
  /** Normalised base URL (no trailing slash). */
  readonly url: string;
  readonly org: string;
  readonly traceId: string;
  readonly spanId: string;
  /** ISO-8601 string or epoch seconds. */
  readonly timestamp: string | number;
}

export function defaultTraceTemplate(baseUrl: string): string {
  return isSaasUrl(baseUrl) ? SAAS_TRACE_TEMPLATE : SELF_HOSTED_TRACE_TEMPLATE;
}

export function unixSeconds(timestamp: string | number): number | undefined {
  if (typeof timestamp === 'number')
    return Number.isFinite(timestamp) ? Math.floor(timestamp) : undefined;
  const ms = Date.parse(timestamp);
  return Number.isNaN(ms) ? undefined : Math.floor(ms / 1000);
}

/**
 * Fills the template; `{url}` is inserted as is, every other value is URL-encoded. Only
 * http(s) results are returned, so a template cannot turn into a command or file URI.
 */
export function traceUrl(link: TraceLink, template?: string): string {
  const tpl = template && template.trim() ? template.trim() : defaultTraceTemplate(link.url);
  const values: Record<string, string> = {
    url: link.url.replace(/\/+$/, ''),
    org: encodeURIComponent(link.org),
    traceId: encodeURIComponent(link.traceId),
    spanId: encodeURIComponent(link.spanId),
    timestamp: String(unixSeconds(link.timestamp) ?? ''),
  };
  const filled = tpl.replace(
    /\{(url|org|traceId|spanId|timestamp)\}/g,
    (_, k: string) => values[k],
  );
  const parsed = new URL(filled);
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
    throw new Error(
      `The trace URL template must produce an http(s) address, not ${parsed.protocol}`,
    );
  return parsed.toString();
}
