// Parses Sentry envelopes (https://develop.sentry.dev/sdk/data-model/envelopes/) and turns their
// `transaction` and `span` (v2, stream mode) items into StoredSpans. Formats follow the real
// envelopes in test/fixtures/sentry/envelopes (sentry-sdk 2.68, @sentry/node 11.12).
import { gunzipSync, inflateSync, brotliDecompressSync } from 'node:zlib';
import { flattenData, flattenTyped, toEpochSeconds, str } from './values';
import type { StoredSpan } from './types';

export interface EnvelopeItem {
  header: Record<string, unknown>;
  payload: Buffer;
}

export interface Envelope {
  header: Record<string, unknown>;
  items: EnvelopeItem[];
}

/** Undo Content-Encoding; gzip is also sniffed, since a proxy may drop the header. */
export function decodeBody(body: Buffer, encoding: string | undefined): Buffer {
  const enc = (encoding ?? '').toLowerCase().trim();
  if (enc === 'gzip' || (body[0] === 0x1f && body[1] === 0x8b)) return gunzipSync(body);
  if (enc === 'deflate') return inflateSync(body);
  if (enc === 'br') return brotliDecompressSync(body);
  return body;
}

function readLine(buf: Buffer, pos: number): [string, number] {
  const nl = buf.indexOf(0x0a, pos);
  const end = nl < 0 ? buf.length : nl;
  return [buf.subarray(pos, end).toString('utf8'), nl < 0 ? buf.length : nl + 1];
}

/** Item payloads are either `length` bytes long or run to the next newline. */
export function parseEnvelope(buf: Buffer): Envelope {
  let [line, pos] = readLine(buf, 0);
  const header = JSON.parse(line) as Record<string, unknown>;
  const items: EnvelopeItem[] = [];
  while (pos < buf.length) {
    [line, pos] = readLine(buf, pos);
    if (line.trim() === '') continue;
    const itemHeader = JSON.parse(line) as Record<string, unknown>;
    let payload: Buffer;
    if (typeof itemHeader.length === 'number') {
      payload = buf.subarray(pos, pos + itemHeader.length);
      pos += itemHeader.length;
      if (buf[pos] === 0x0a) pos++;
    } else {
      const [text, next] = readLine(buf, pos);
      payload = Buffer.from(text, 'utf8');
      pos = next;
    }
    items.push({ header: itemHeader, payload });
  }
  return { header, items };
}

type Json = Record<string, unknown>;

function fromTransaction(event: Json, projectId: string): StoredSpan[] {
  const ctx = ((event.contexts as Json | undefined)?.trace ?? {}) as Json;
  const traceId = str(ctx.trace_id);
  const rootId = str(ctx.span_id);
  const eventId = str(event.event_id);
  const segmentName = str(event.transaction);
  const common = {
    projectId,
    traceId,
    segmentId: rootId,
    segmentName,
    eventId,
    environment: str(event.environment),
    release: str(event.release),
    sdkName: str((event.sdk as Json | undefined)?.name),
  };
  const tags = flattenData(event.tags);
  const root: StoredSpan = {
    ...common,
    spanId: rootId,
    parentSpanId: ctx.parent_span_id ? str(ctx.parent_span_id) : null,
    isSegment: true,
    op: str(ctx.op),
    description: ctx.description ? str(ctx.description) : segmentName,
    status: str(ctx.status),
    start: toEpochSeconds(event.start_timestamp),
    end: toEpochSeconds(event.timestamp),
    attrs: { ...tags, ...flattenData(ctx.data) },
  };
  const children = ((event.spans as Json[] | undefined) ?? []).map((s): StoredSpan => ({
    ...common,
    spanId: str(s.span_id),
    parentSpanId: s.parent_span_id ? str(s.parent_span_id) : rootId,
    isSegment: false,
    op: str(s.op),
    description: str(s.description),
    status: str(s.status),
    start: toEpochSeconds(s.start_timestamp),
    end: toEpochSeconds(s.timestamp),
    attrs: { ...flattenData(s.tags), ...flattenData(s.data) },
  }));
  return [root, ...children];
}

function fromSpanV2(item: Json, projectId: string): StoredSpan {
  const attrs = flattenTyped(item.attributes);
  const spanId = str(item.span_id);
  const isSegment = item.is_segment === true;
  const segmentId = str(attrs['sentry.segment.id'] ?? (isSegment ? spanId : ''));
  return {
    projectId,
    traceId: str(item.trace_id),
    spanId,
    parentSpanId: item.parent_span_id ? str(item.parent_span_id) : null,
    segmentId,
    segmentName: str(attrs['sentry.segment.name'] ?? (isSegment ? item.name : '')),
    // Streamed spans belong to no transaction event; the segment id stands in for one so the
    // trace endpoint's transaction_id still groups spans by segment.
    eventId: (segmentId + segmentId).slice(0, 32),
    isSegment,
    op: str(attrs['sentry.op']),
    description: str(item.name),
    status: str(item.status),
    start: toEpochSeconds(item.start_timestamp),
    end: toEpochSeconds(item.end_timestamp),
    environment: str(attrs['sentry.environment']),
    release: str(attrs['sentry.release']),
    sdkName: str(attrs['sentry.sdk.name']),
    attrs,
  };
}

/** All spans in an envelope; items of other types (sessions, client reports…) are skipped. */
export function spansFromEnvelope(env: Envelope, projectId: string): StoredSpan[] {
  const spans: StoredSpan[] = [];
  for (const item of env.items) {
    if (item.header.type === 'transaction') {
      spans.push(...fromTransaction(JSON.parse(item.payload.toString('utf8')) as Json, projectId));
    } else if (item.header.type === 'span') {
      const body = JSON.parse(item.payload.toString('utf8')) as Json;
      // v2 containers hold `items`; a bare v1 span item is the span itself.
      const list = Array.isArray(body.items) ? (body.items as Json[]) : [body];
      for (const s of list) spans.push(fromSpanV2(s, projectId));
    }
  }
  return spans.filter((s) => s.traceId && s.spanId && Number.isFinite(s.start + s.end));
}
