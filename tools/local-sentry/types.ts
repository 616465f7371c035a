// The one record the local server keeps per span, whichever SDK item it came from (a
// `transaction` event or a `span` v2 item). Times are epoch seconds as the SDKs send them;
// durations are derived at query time so both item kinds are measured the same way.

/** An attribute value as stored: SDK typed values flattened to their JSON scalar. */
export type AttrValue = string | number | boolean;

export interface StoredSpan {
  projectId: string;
  traceId: string;
  spanId: string;
  parentSpanId: string | null;
  /** Span id of the segment (transaction) root this span belongs to. */
  segmentId: string;
  /** Segment (transaction) name, Sentry's `transaction` column. */
  segmentName: string;
  /** Event id of the transaction; synthesized for streamed spans, which have none. */
  eventId: string;
  isSegment: boolean;
  op: string;
  description: string;
  status: string;
  start: number;
  end: number;
  environment: string;
  release: string;
  sdkName: string;
  attrs: Record<string, AttrValue>;
}
