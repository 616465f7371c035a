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
import { ingestProfileItems } from './profiling/envelope-items';
import type { ProfileStore } from './profiling/profile-store';
import { shiftPayload } from './profiling/sample-format';
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

/** The seconds that move the newest span to one hour before `nowS`. */
export function seedShift(spans: StoredSpan[], nowS: number): number {
  if (spans.length === 0) return 0;
  return Math.floor(nowS - 3600 - Math.max(...spans.map((s) => s.end)));
}

export function shiftIntoLastDay(spans: StoredSpan[], nowS: number): StoredSpan[] {
  const shift = seedShift(spans, nowS);
  return spans.map((s) => ({ ...s, start: s.start + shift, end: s.end + shift }));
}

/**
 * Seeds both stores from a recording, with one shift for spans and profiles so the samples stay
 * inside their spans. Profile items are shifted before they are read; a bad recorded item is
 * skipped with a message, as ingestion would. Returns the spans (shifted) and how many profiles.
 */
export function seedRecorded(
  dir: string,
  profiles: ProfileStore,
  nowS: number,
): { spans: StoredSpan[]; profiles: number; rejected: string[] } {
  const spans = readRecorded(dir);
  const shift = seedShift(spans, nowS);
  const shifted = spans.map((s) => ({ ...s, start: s.start + shift, end: s.end + shift }));
  const byEvent = new Map<string, StoredSpan[]>();
  for (const s of shifted) {
    const list = byEvent.get(s.eventId);
    if (list) list.push(s);
    else byEvent.set(s.eventId, [s]);
  }
  const before = profiles.size;
  const rejected: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const m = RECORDED.exec(name);
    if (!m) continue;
    const env = parseEnvelope(decodeBody(readFileSync(join(dir, name)), m[2] ? 'gzip' : undefined));
    const items = env.items
      .filter((i) => i.header.type === 'profile' || i.header.type === 'profile_chunk')
      .map((i) => {
        let payload: unknown;
        try {
          payload = JSON.parse(i.payload.toString('utf8'));
        } catch {
          return i;
        }
        const moved = shiftPayload(String(i.header.type), payload, shift);
        return { header: i.header, payload: Buffer.from(JSON.stringify(moved)) };
      });
    if (items.length === 0) continue;
    rejected.push(
      ...ingestProfileItems({ header: env.header, items }, m[1], shifted, profiles, false),
    );
  }
  return { spans: shifted, profiles: profiles.size - before, rejected };
}
