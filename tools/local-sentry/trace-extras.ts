// Two smaller endpoints in the fixture shapes: trace-meta (counts for one trace, as in
// trace-meta.json) and trace-items/attributes (the attribute keys the stored spans carry, as in
// trace-items.attributes.code.json; numbers under the typed `tags[name,number]` key).
import { timeWindow } from './http-util';
import type { SpanStore } from './store';

export function traceMeta(
  traceId: string,
  q: URLSearchParams,
  store: SpanStore,
  nowS: number,
): unknown {
  const [start, end] = timeWindow(q, nowS);
  const spans = store.trace(traceId).filter((s) => s.end >= start && s.start <= end);
  const byOp: Record<string, number> = {};
  const children = new Map<string, number>();
  for (const s of spans) {
    byOp[s.op] = (byOp[s.op] ?? 0) + 1;
    if (!s.isSegment) children.set(s.eventId, (children.get(s.eventId) ?? 0) + 1);
  }
  return {
    errorsCount: 0,
    logsCount: 0,
    metricsCount: 0,
    performanceIssuesCount: 0,
    spansCount: spans.length,
    transactionChildCountMap: [...children].map(([id, n]) => ({
      'transaction.event_id': id,
      'count()': n,
    })),
    spansCountMap: byOp,
  };
}

export function traceItemAttributes(q: URLSearchParams, store: SpanStore, nowS: number): unknown {
  const [start, end] = timeWindow(q, nowS);
  const match = (q.get('substringMatch') ?? '').toLowerCase();
  const wanted = q.get('attributeType');
  const seen = new Map<string, { name: string; type: 'string' | 'number' | 'boolean' }>();
  for (const s of store.all()) {
    if (s.end < start || s.end > end) continue;
    for (const [name, value] of Object.entries(s.attrs)) {
      // sentry.* attributes are Sentry's own columns, listed by Sentry as built-ins, not here.
      if (name.startsWith('sentry.') || !name.toLowerCase().includes(match)) continue;
      const type =
        typeof value === 'number' ? 'number' : typeof value === 'boolean' ? 'boolean' : 'string';
      const key = type === 'string' ? name : `tags[${name},${type}]`;
      if (!seen.has(key)) seen.set(key, { name, type });
    }
  }
  return [...seen]
    .filter(([, v]) => !wanted || v.type === wanted)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, v]) => ({
      key,
      name: v.name,
      attributeSource: { source_type: 'user' },
      attributeType: v.type,
    }));
}
