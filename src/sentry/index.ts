// The public surface of the Sentry client, for src/cli and src/editor.
export {
  SentryClient,
  type SentryClientOptions,
  type SentryOrg,
  type SentryProject,
} from './client';
export { SentryError, type SentryErrorKind, redact } from './errors';
export type { SentryLog, HttpDeps } from './http';
export { isSaasUrl, isLoopbackHost, normalizeBaseUrl } from './base-url';
export { fetchSpanStats, type SpanQuery, type SpanStatsResult } from './span-stats';
export { fetchSlowestSpans, type SpanSample } from './samples';
export { fetchTrace, flattenTrace, type TraceSpan } from './trace';
export { traceUrl, defaultTraceTemplate, type TraceLink } from './trace-url';
export { TtlCache, cacheKey, DEFAULT_TTL_MS, type CacheKeyParts } from './cache';
export { isValidPeriod } from './period';
export { checkTokenShape, tokenKind, REQUIRED_SCOPES, type TokenInfo } from './token';
export type { SpanStat, SpanSource } from './spans';
