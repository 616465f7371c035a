// Sentry for the tools from a SentryClient (the MCP server; the editor passes what it already
// fetched instead). Span statistics are fetched once per 10 minutes, not once per tool call.
import type { SentryClient } from '../sentry/client';
import { fetchSlowestSpans, type SpanSample } from '../sentry/samples';
import { fetchSpanStats, type SpanQuery } from '../sentry/span-stats';
import type { SpanStat } from '../sentry/spans';
import { traceUrl } from '../sentry/trace-url';
import type { SentrySource } from './host';

const STATS_TTL_MS = 10 * 60_000;

export class ClientSentrySource implements SentrySource {
  private cached?: { at: number; value: Promise<{ rows: readonly SpanStat[]; period: string }> };

  constructor(
    private readonly client: SentryClient,
    private readonly query: SpanQuery,
    private readonly now: () => number = Date.now,
  ) {}

  stats(): Promise<{ rows: readonly SpanStat[]; period: string }> {
    if (!this.cached || this.now() - this.cached.at > STATS_TTL_MS) {
      const value = fetchSpanStats(this.client, this.query);
      value.catch(() => (this.cached = undefined));
      this.cached = { at: this.now(), value };
    }
    return this.cached.value;
  }

  slowest(stat: SpanStat, limit: number): Promise<SpanSample[]> {
    return fetchSlowestSpans(this.client, this.query.org, stat, this.query, limit);
  }

  traceUrl(s: SpanSample): string {
    return traceUrl({
      url: this.client.baseUrl,
      org: this.query.org,
      traceId: s.traceId,
      spanId: s.spanId,
      timestamp: s.timestamp,
    });
  }
}
