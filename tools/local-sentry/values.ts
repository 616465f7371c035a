// Small value conversions shared by the envelope parser and the query engine.
import type { AttrValue } from './types';

export function str(v: unknown): string {
  return v === undefined || v === null ? '' : String(v);
}

function scalar(v: unknown): AttrValue | undefined {
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  return undefined;
}

/** Transaction-mode `data`/`tags`: plain JSON values; non-scalars (arrays, objects) are dropped. */
export function flattenData(data: unknown): Record<string, AttrValue> {
  const out: Record<string, AttrValue> = {};
  if (!data || typeof data !== 'object') return out;
  for (const [k, v] of Object.entries(data as Record<string, unknown>)) {
    const s = scalar(v);
    if (s !== undefined) out[k] = s;
  }
  return out;
}

/** Span v2 `attributes`: `{"key": {"value": …, "type": "string|integer|double|boolean"}}`. */
export function flattenTyped(attrs: unknown): Record<string, AttrValue> {
  const out: Record<string, AttrValue> = {};
  if (!attrs || typeof attrs !== 'object') return out;
  for (const [k, v] of Object.entries(attrs as Record<string, { value?: unknown }>)) {
    const s = scalar(v?.value);
    if (s !== undefined) out[k] = s;
  }
  return out;
}

/**
 * SDK timestamps are epoch seconds (Node, span v2) or RFC 3339 strings with microseconds
 * (Python transactions). Date.parse keeps only milliseconds, so the fraction is read by hand.
 */
export function toEpochSeconds(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v !== 'string') return NaN;
  const m = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(\.\d+)?(Z|[+-]\d\d:?\d\d)?$/.exec(v.trim());
  if (!m) return NaN;
  const whole = Date.parse(m[1] + (m[3] ?? 'Z')) / 1000;
  return whole + (m[2] ? Number('0' + m[2]) : 0);
}

/** ISO-8601 with microseconds and `+00:00`, the way Sentry renders `timestamp`. */
export function isoMicros(epochSeconds: number): string {
  const micros = Math.round(epochSeconds * 1e6);
  const secs = Math.floor(micros / 1e6);
  const frac = String(micros - secs * 1e6).padStart(6, '0');
  return new Date(secs * 1000).toISOString().replace(/\.\d{3}Z$/, `.${frac}+00:00`);
}

/** Durations are kept to the microsecond, as Sentry reports them (e.g. 120.343 ms). */
export function durationMs(start: number, end: number): number {
  return Math.round((end - start) * 1e6) / 1e3;
}
