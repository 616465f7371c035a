// Sentry's statsPeriod strings (`30m`, `24h`, `14d`, `2w`), parsed so a period can be shrunk once
// when Sentry answers 400 "query timed out" (Snuba throttling arrives as a 400 ParseError, not a
// 429; docs/sentry-api.md §4.2).

const UNIT_MINUTES: Record<string, number> = { m: 1, h: 60, d: 1440, w: 10080 };

export function periodMinutes(period: string): number | undefined {
  const m = /^(\d+)([mhdw])$/.exec(period.trim());
  if (!m) return undefined;
  const n = Number(m[1]) * UNIT_MINUTES[m[2]];
  return n > 0 ? n : undefined;
}

export function isValidPeriod(period: string): boolean {
  return periodMinutes(period) !== undefined;
}

export function formatPeriod(minutes: number): string {
  if (minutes % 1440 === 0) return `${minutes / 1440}d`;
  if (minutes % 60 === 0) return `${minutes / 60}h`;
  return `${minutes}m`;
}

/** A quarter of the period, at least 15 minutes; undefined when it cannot get any shorter. */
export function shrinkPeriod(period: string): string | undefined {
  const minutes = periodMinutes(period);
  if (minutes === undefined || minutes <= 15) return undefined;
  const quarter = Math.max(15, Math.floor(minutes / 4));
  // Round to whole hours above a day so the label stays readable ("6h", not "360m").
  const rounded = quarter >= 120 ? Math.floor(quarter / 60) * 60 : quarter;
  return formatPeriod(rounded);
}
