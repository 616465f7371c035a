// Texts for Sentry numbers in the editor (lens, tree, quick pick). No vscode import, so they are
// unit-tested directly.

import type { SpanStat } from '../../sentry/spans';

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

/** `⏱ p95 412 ms · p50 80 ms · 1.3k calls/24h`, with `≈ ` in front on low confidence. */
export function lensText(stat: SpanStat, period: string): string {
  const text = `⏱ p95 ${formatMs(stat.p95)} · p50 ${formatMs(stat.p50)} · ${formatCount(stat.count)} calls/${period}`;
  return stat.lowConfidence ? `≈ ${text}` : text;
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
