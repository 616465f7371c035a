// Texts for Sentry numbers in the editor (lens, tree, quick pick). No vscode import, so they are
// unit-tested directly.

import { callsPerRequest, type SpanStat } from '../../sentry/spans';

/** `412 ms`, `2.3 ms`, `0.14 ms`, `1.2 s`. */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '–';
  if (ms >= 1000) return `${Number((ms / 1000).toPrecision(ms >= 10_000 ? 3 : 2))} s`;
  if (ms >= 100) return `${Math.round(ms)} ms`;
  if (ms === 0) return '0 ms';
  return `${Number(ms.toPrecision(2))} ms`;
}

/** `860`, `1.3k`, `12k`, `4.5M`: calls in a lens must stay short. */
export function formatCount(n: number): string {
  const abs = Math.abs(n);
  if (abs < 1000) return String(Math.round(n));
  if (abs < 1e6) return `${Number((n / 1e3).toPrecision(abs < 1e4 ? 2 : 3))}k`;
  return `${Number((n / 1e6).toPrecision(abs < 1e7 ? 2 : 3))}M`;
}

/** `41%`, `3.5%`, `0.2%`: a share of request time, as short as its size allows. */
export function formatShare(fraction: number): string {
  const pct = fraction * 100;
  if (pct >= 10 || pct === 0) return `${Math.round(pct)}%`;
  return `${Number(pct.toPrecision(pct >= 1 ? 2 : 1))}%`;
}

/** A span repeated inside one request (the N+1 signature) shows its calls per request. */
const REPEATED_PER_REQUEST = 1.5;

/**
 * `⏱ p95 412 ms · p50 80 ms · 41% of GET /report · 1.3k calls/24h`, or for a span repeated
 * inside one request `⏱ ×22 per request · p95 0.04 ms · …`; the repetition and the share only
 * where Sentry gave them; `≈ ` in front on low confidence.
 */
export function lensText(stat: SpanStat, period: string): string {
  const parts = [`p95 ${formatMs(stat.p95)}`, `p50 ${formatMs(stat.p50)}`];
  // A repeated span leads with the repetition: that is the finding, not its sub-ms p95.
  const repeated = repeatText(stat);
  if (repeated) parts.unshift(repeated);
  const share = shareText(stat);
  if (share) parts.push(share);
  parts.push(`${formatCount(stat.count)} calls/${period}`);
  const text = `⏱ ${parts.join(' · ')}`;
  return stat.lowConfidence ? `≈ ${text}` : text;
}

/** `×23 per request` for a span repeated inside one request, else undefined. */
export function repeatText(stat: SpanStat): string | undefined {
  const perRequest = callsPerRequest(stat);
  return perRequest !== undefined && perRequest >= REPEATED_PER_REQUEST
    ? `×${Number(perRequest.toPrecision(2))} per request`
    : undefined;
}

/** `41% of GET /report` where the share is known, else undefined. */
export function shareText(stat: SpanStat): string | undefined {
  return stat.share && `${formatShare(stat.share.fraction)} of ${stat.share.transaction}`;
}

/** What earns a latency lens (settings `hotspotLens.sentry.lens.*`). */
export interface LensRule {
  /** Smallest p95 in ms that earns a lens on its own. */
  readonly minP95Ms: number;
  /** Smallest share of the transaction's time, in percent, that earns a lens on its own. */
  readonly minSharePercent: number;
}

/**
 * Calls per request from which a span always earns its lens whatever its time: the repetition
 * is the finding. Sentry's N+1 DB query detector starts at 5 repeated spans by default
 * (`n_plus_one_db_count` in getsentry/sentry's project option defaults).
 */
export const N_PLUS_ONE_CALLS = 5;

/**
 * A p95 of 0.02 ms is noise on a line unless the span is a large part of a request or repeats
 * in it; the tree and the hover keep every row, only the lens is filtered.
 */
export function earnsLens(stat: SpanStat, rule: LensRule): boolean {
  if (stat.p95 >= rule.minP95Ms) return true;
  if (stat.share && stat.share.fraction * 100 >= rule.minSharePercent) return true;
  return (callsPerRequest(stat) ?? 0) >= N_PLUS_ONE_CALLS;
}

export function lensTooltip(stat: SpanStat, period: string): string {
  const where =
    stat.file === null
      ? `span "${stat.function}"`
      : `${stat.file}${stat.line ? `:${stat.line}` : ''} ${stat.function}`;
  const lines = [
    `Sentry, ${stat.project}, last ${period}: ${where}`,
    `p95 ${formatMs(stat.p95)} · p50 ${formatMs(stat.p50)} · avg ${formatMs(stat.avg)} · ${stat.count} spans`,
    `total self time ${formatMs(stat.sumSelfTime)}`,
  ];
  const perRequest = callsPerRequest(stat);
  if (perRequest !== undefined)
    lines.push(
      `${Number(perRequest.toPrecision(3))} calls per request (${stat.count} spans in ${stat.requests} transactions)`,
    );
  if (stat.share)
    lines.push(
      `${formatShare(stat.share.fraction)} of the time of all "${stat.share.transaction}" transactions`,
    );
  if (stat.lowConfidence)
    lines.push('≈ Sentry reports low confidence (few samples or downsampled data).');
  lines.push('Click for the slowest example spans.');
  return lines.join('\n');
}

/** Total time spent in the location over the period (count × mean), for the "by total" list. */
export function totalTime(stat: SpanStat): number {
  return stat.count * stat.avg;
}

/** Quick pick line of one example span: `612 ms · report · 2026-11-26 17:02:44 UTC`. */
export function sampleLabel(duration: number, transaction: string, timestamp: string): string {
  const t = Date.parse(timestamp);
  const when = Number.isNaN(t)
    ? timestamp
    : new Date(t)
        .toISOString()
        .replace('T', ' ')
        .replace(/\.\d+Z$/, ' UTC');
  return `${formatMs(duration)} · ${transaction || '(no transaction)'} · ${when}`;
}
