// Loaded first (before node:http) so @sentry/node can instrument the HTTP server.
// @sentry/node 11 defaults to traceLifecycle 'stream': spans go out as span v2 envelope items.
const Sentry = require('@sentry/node');
// Continuous profiling ('trace' lifecycle: the profiler runs while a sampled span is active) sends
// profile_chunk items; the native profiler ships prebuilt in @sentry/node-cpu-profiler.
const { nodeProfilingIntegration } = require('@sentry/profiling-node');

Sentry.init({
  dsn: process.env.SENTRY_DSN || 'http://nodepublickey@127.0.0.1:9010/4509876543210002',
  tracesSampleRate: 1.0,
  integrations: [nodeProfilingIntegration()],
  profileSessionSampleRate: process.env.SENTRY_PROFILING === 'off' ? 0 : 1.0,
  profileLifecycle: 'trace',
  environment: process.env.SENTRY_ENVIRONMENT || 'production',
  release: 'shop-node@1.0.0',
  ...(process.env.SENTRY_TRACE_LIFECYCLE
    ? { traceLifecycle: process.env.SENTRY_TRACE_LIFECYCLE }
    : {}),
});

module.exports = { Sentry };
