import type { ValueType } from '../../model';

/**
 * A `perf script` sample header (docs/formats.md §3.1): `comm pid[/tid] [cpu] time: period
 * event:` with every field but comm/pid and the event optional. comm may contain spaces and
 * digits, so the pattern anchors on the pid token; the event may carry modifiers (`cycles:uppp:`)
 * and, without a callchain, the rest of the line is the sample's only frame.
 */
export const HEADER_RE =
  /^\s*(.+?)\s+(\d+)(?:\/(\d+))?\s+(?:\[(\d+)\]\s+)?(?:(\d+\.\d+):\s+)?(?:(\d+)\s+)?([^\s\d]\S*):(?:\s+(.*))?$/;

export interface SampleHeader {
  comm: string;
  /** The first id perf printed: the pid when a tid follows, else the tid (perf's default). */
  firstId: string;
  tid: string | undefined;
  timeSeconds: number | undefined;
  period: number | undefined;
  /** The event token as written, modifiers included (`cycles:uppp`); see `eventName`. */
  eventToken: string;
  rest: string;
}

const HEADER_RE_INDEXED = new RegExp(HEADER_RE.source, 'd');

/** `parseHeader` plus where the time, period and cpu digits are (`[start, end)`, or undefined). */
export function parseHeaderIndexed(line: string):
  | {
      header: SampleHeader;
      time: [number, number] | undefined;
      period: [number, number] | undefined;
      cpu: [number, number] | undefined;
    }
  | undefined {
  const m = HEADER_RE_INDEXED.exec(line);
  if (!m) return undefined;
  return {
    header: headerOf(m),
    time: m.indices![5],
    period: m.indices![6],
    cpu: m.indices![4],
  };
}

export function parseHeader(line: string): SampleHeader | undefined {
  const m = HEADER_RE.exec(line);
  if (!m) return undefined;
  return headerOf(m);
}

function headerOf(m: RegExpExecArray): SampleHeader {
  return {
    comm: m[1],
    firstId: m[2],
    tid: m[3],
    timeSeconds: m[5] !== undefined ? Number(m[5]) : undefined,
    period: m[6] !== undefined ? Number(m[6]) : undefined,
    eventToken: m[7],
    rest: m[8] ?? '',
  };
}

/** Builder thread key, display name and ids of a sample: `comm pid/tid` or `comm tid`. */
export function threadOf(h: SampleHeader): {
  key: string;
  name: string;
  pid?: number;
  tid: number;
} {
  const idToken = h.tid === undefined ? h.firstId : `${h.firstId}/${h.tid}`;
  return {
    key: `${h.comm}\u0000${idToken}`,
    name: `${h.comm} ${idToken}`,
    pid: h.tid === undefined ? undefined : Number(h.firstId),
    tid: Number(h.tid ?? h.firstId),
  };
}

/**
 * The event without perf's modifier suffix (`cycles:u` and `cycles:uppp` are both `cycles`,
 * as stackcollapse-perf groups them), keeping tracepoint names such as `sched:sched_switch`.
 */
export function eventName(token: string): string {
  return token.replace(/:[ukhIGHpPSDeWb]+$/, '');
}

/**
 * One value type per event. The weight is the period when perf printed one: nanoseconds for
 * the clock events, event counts otherwise; without a period each sample weighs 1 (`count`).
 * The unit is decided by the event's first sample.
 */
export function valueTypeFor(event: string, hasPeriod: boolean): ValueType {
  if (!hasPeriod) return { type: event, unit: 'count' };
  return { type: event, unit: /^(cpu-clock|task-clock)$/.test(event) ? 'nanoseconds' : 'events' };
}
