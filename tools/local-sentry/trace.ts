// GET /api/0/organizations/{org}/trace/{traceId}/ — the EAP trace endpoint: an array of root
// spans with nested `children`, keys in the order of SerializedSpan (src/sentry/snuba/trace.py)
// as in test/fixtures/sentry/trace.json. An unknown trace is `[]` with 200, as Sentry answers.
import { projectById } from './config';
import { resolveField } from './fields';
import { timeWindow } from './http-util';
import type { SpanStore } from './store';
import type { StoredSpan } from './types';
import { durationMs } from './values';

interface TraceNode {
  children: TraceNode[];
  [key: string]: unknown;
}

function serialize(s: StoredSpan, extra: string[], store: SpanStore): TraceNode {
  const additional: Record<string, unknown> = {};
  for (const key of extra) {
    // Requested attributes a span lacks are left out, as in the fixture.
    const v = resolveField(s, key, store);
    if (v !== undefined && v !== null && v !== '') additional[key] = v;
  }
  return {
    children: [],
    errors: [],
    occurrences: [],
    event_id: s.spanId,
    transaction_id: s.eventId,
    project_id: Number(s.projectId),
    project_slug: projectById(s.projectId)?.slug ?? s.projectId,
    profile_id: '',
    profiler_id: '',
    parent_span_id: s.parentSpanId,
    start_timestamp: s.start,
    end_timestamp: s.end,
    measurements: {},
    duration: durationMs(s.start, s.end),
    transaction: s.segmentName,
    is_transaction: s.isSegment,
    description: s.description,
    sdk_name: s.sdkName,
    op: s.op,
    name: s.op,
    event_type: 'span',
    additional_attributes: additional,
  };
}

export function buildTrace(
  traceId: string,
  q: URLSearchParams,
  store: SpanStore,
  nowS: number,
): TraceNode[] {
  const [start, end] = timeWindow(q, nowS);
  const extra = q.getAll('additional_attributes');
  const spans = store
    .trace(traceId)
    .filter((s) => s.end >= start && s.start <= end)
    .sort((a, b) => a.start - b.start);
  const nodes = new Map(spans.map((s) => [s.spanId, serialize(s, extra, store)]));
  const roots: TraceNode[] = [];
  for (const s of spans) {
    const node = nodes.get(s.spanId) as TraceNode;
    const parent = s.parentSpanId ? nodes.get(s.parentSpanId) : undefined;
    // A span whose parent never arrived (or lives in another window) becomes a root of its own.
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}
