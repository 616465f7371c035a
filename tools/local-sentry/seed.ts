// Seeding from recorded envelopes (demo/recorded/). Files are the raw request bodies the server
// saved in record mode: `NNNNN-<projectId>.envelope`, or `.envelope.gz` when the SDK gzipped.
//
// Shift rule: every timestamp is moved by the same whole number of seconds so that the newest
// recorded span ends exactly one hour before the server started (shift = floor(now - 3600 -
// newestEnd)). Relative timing inside and across traces is kept, and the data stays inside
// `statsPeriod=24h` as long as the recording itself spans less than 23 hours and the server has
// run for less than an hour (restart it to re-shift). Seeded spans are never written to --data.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeBody, parseEnvelope, spansFromEnvelope } from './envelope';
import type { StoredSpan } from './types';

const RECORDED = /^\d+-(\d+)\.envelope(\.gz)?$/;

export function readRecorded(dir: string): StoredSpan[] {
  const spans: StoredSpan[] = [];
  for (const name of readdirSync(dir).sort()) {
    const m = RECORDED.exec(name);
    if (!m) continue;
    const raw = readFileSync(join(dir, name));
    const body = decodeBody(raw, m[2] ? 'gzip' : undefined);
    spans.push(...spansFromEnvelope(parseEnvelope(body), m[1]));
  }
  return spans;
}

export function shiftIntoLastDay(spans: StoredSpan[], nowS: number): StoredSpan[] {
  if (spans.length === 0) return spans;
  const newest = Math.max(...spans.map((s) => s.end));
  const shift = Math.floor(nowS - 3600 - newest);
  return spans.map((s) => ({ ...s, start: s.start + shift, end: s.end + shift }));
}
