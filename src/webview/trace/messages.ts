// The trace page checks the `init` it is sent before drawing it: a span with a missing or
// mistyped field would otherwise draw as NaN widths or "undefined" labels. Only the known fields
// are copied, so nothing else of the message reaches the page. No DOM here (unit-tested in Node).

import type { ToTraceView, TraceViewSpan } from '../../protocol';

type Fields = Record<string, unknown>;

const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** The span, or a reason naming the first field that is wrong. */
function parseSpan(raw: unknown, index: number): TraceViewSpan | string {
  if (typeof raw !== 'object' || raw === null) return `span ${index} is not an object`;
  const s = raw as Fields;
  for (const key of ['id', 'op', 'description', 'project'])
    if (typeof s[key] !== 'string') return `span ${index} has no text ${key}`;
  for (const key of ['depth', 'start', 'end', 'duration', 'errorCount'])
    if (!isFiniteNumber(s[key])) return `span ${index} has no numeric ${key}`;
  if ((s.depth as number) < 0) return `span ${index} has a negative depth`;
  if (typeof s.isTransaction !== 'boolean') return `span ${index} has no isTransaction flag`;
  if (s.file !== undefined && typeof s.file !== 'string') return `span ${index} has a bad file`;
  if (s.line !== undefined && !isFiniteNumber(s.line)) return `span ${index} has a bad line`;
  return {
    id: s.id as string,
    depth: s.depth as number,
    op: s.op as string,
    description: s.description as string,
    project: s.project as string,
    start: s.start as number,
    end: s.end as number,
    duration: s.duration as number,
    isTransaction: s.isTransaction,
    errorCount: s.errorCount as number,
    file: s.file as string | undefined,
    line: s.line as number | undefined,
  };
}

export type Parsed<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

/**
 * Narrows a message from the extension. `undefined` for messages that are not the page's at all
 * (other types, non-objects); a reason for an `init` that is malformed, which the page shows.
 */
export function parseToTraceView(raw: unknown): Parsed<ToTraceView> | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const m = raw as Fields;
  if (m.type !== 'init') return undefined;
  if (typeof m.traceId !== 'string') return { ok: false, reason: 'the trace has no id' };
  if (m.highlight !== undefined && typeof m.highlight !== 'string')
    return { ok: false, reason: 'the highlighted span id is not text' };
  if (!Array.isArray(m.spans)) return { ok: false, reason: 'the trace has no span list' };
  const spans: TraceViewSpan[] = [];
  for (const [i, raw] of m.spans.entries()) {
    const span = parseSpan(raw, i);
    if (typeof span === 'string') return { ok: false, reason: span };
    spans.push(span);
  }
  return { ok: true, value: { type: 'init', traceId: m.traceId, highlight: m.highlight, spans } };
}
