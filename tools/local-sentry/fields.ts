// Field names of the spans dataset (the EAP public aliases in getsentry/sentry
// src/sentry/search/eap/spans/attributes.py) resolved against a StoredSpan, plus each column's
// meta type and unit as the real endpoint reports them (docs/sentry-api.md §2.3 and §2.6).
import { projectById } from './config';
import type { SpanStore } from './store';
import type { AttrValue, StoredSpan } from './types';
import { durationMs, isoMicros } from './values';

export type FieldValue = AttrValue | null | undefined;

/** `tags[name,type]` typed attribute keys (TYPED_TAG_KEY_RE in search/events/constants.py). */
const TYPED_TAG = /^(?:sentry_tags|tags)\[([^,\]]+),\s*(number|string|boolean)\]$/;
export const FUNCTION_RE = /^(\w+)\((.*)\)$/;

export function isAggregate(field: string): boolean {
  return FUNCTION_RE.test(field);
}

function builtin(span: StoredSpan, name: string, store: SpanStore): FieldValue {
  switch (name) {
    case 'id':
      return span.spanId;
    case 'trace':
      return span.traceId;
    case 'transaction':
      return span.segmentName;
    case 'transaction.span_id':
      return span.segmentId;
    case 'transaction.event_id':
      return span.eventId;
    case 'span.op':
      return span.op;
    case 'span.description':
    case 'description':
      return span.description;
    case 'span.status':
      return span.status;
    case 'span.duration':
      return durationMs(span.start, span.end);
    case 'span.self_time':
      return store.selfTimeMs(span);
    case 'timestamp':
      return isoMicros(span.end);
    case 'precise.start_ts':
      return span.start;
    case 'precise.finish_ts':
      return span.end;
    case 'project':
    case 'project.name':
    case 'project.slug':
      return projectById(span.projectId)?.slug ?? span.projectId;
    case 'project.id':
      return Number(span.projectId);
    case 'is_transaction':
      return span.isSegment;
    case 'environment':
      return span.environment;
    case 'release':
      return span.release;
    case 'sdk.name':
      return span.sdkName;
    case 'parent_span':
      return span.parentSpanId ?? '';
    case 'profile.id':
      // Set at ingestion on the spans of a transaction sent with a profile (profiling/).
      return typeof span.attrs['profile.id'] === 'string' ? span.attrs['profile.id'] : '';
    default:
      return undefined;
  }
}

const BUILTINS = new Set(
  'id trace transaction transaction.span_id transaction.event_id span.op span.description description span.status span.duration span.self_time timestamp precise.start_ts precise.finish_ts project project.name project.slug project.id is_transaction environment release sdk.name parent_span profile.id'.split(
    ' ',
  ),
);

/**
 * A span's value for a non-aggregate field. A bare unknown name is a *string* attribute (EAP
 * resolves untyped names as strings), so numeric ones such as code.lineno need
 * `tags[code.lineno,number]`. `undefined` means the span does not have the attribute.
 */
export function resolveField(span: StoredSpan, field: string, store: SpanStore): FieldValue {
  if (BUILTINS.has(field)) return builtin(span, field, store);
  const typed = TYPED_TAG.exec(field);
  const name = typed ? typed[1].trim() : field;
  const type = typed ? typed[2] : 'string';
  const v = span.attrs[name];
  return typeof v === type ? v : undefined;
}

export interface ColumnMeta {
  type: string;
  unit: string | null;
}

const DURATIONS = new Set(['span.duration', 'span.self_time']);

export function columnMeta(field: string): ColumnMeta {
  const fn = FUNCTION_RE.exec(field);
  if (fn) {
    const name = fn[1];
    const arg = fn[2].trim() || 'span.duration';
    if (name.startsWith('count') || name === 'epm' || name === 'eps') {
      return { type: name.startsWith('count') ? 'integer' : 'rate', unit: null };
    }
    return DURATIONS.has(arg)
      ? { type: 'duration', unit: 'millisecond' }
      : { type: 'number', unit: null };
  }
  if (DURATIONS.has(field)) return { type: 'duration', unit: 'millisecond' };
  if (field === 'is_transaction') return { type: 'boolean', unit: null };
  if (field === 'project.id' || field.startsWith('precise.')) return { type: 'number', unit: null };
  const typed = TYPED_TAG.exec(field);
  if (typed) return { type: typed[2], unit: null };
  return { type: 'string', unit: null };
}

/** Whether a field holds numbers, so query values are compared numerically. */
export function isNumericField(field: string): boolean {
  const t = columnMeta(field).type;
  return t === 'number' || t === 'duration' || t === 'integer';
}
