import type { ValueType } from '../../model';

/**
 * A `perf script` sample header (profile-formats.md §3.1): `comm pid[/tid] [cpu] time: period
 * event:` with every field but comm/pid and the event optional. comm may contain spaces and
 * digits, so the pattern anchors on the pid token; the event may carry modifiers (`cycles:uppp:`)
 * and, without a callchain, the rest of the line is the sample's only frame.
 */
export const HEADER_RE =
  /^\s*(.+?)\s+(\d+)(?:\/(\d+))?\s+(?:\[(\d+)\]\s+)?(?:(\d+\.\d+):\s+)?(?:(\d+)\s+)?([^\s\d]\S*):(?:\s+(.*))?$/;

export interface SampleHeader {
  comm: string;
  /** `pid/tid` or the single id perf printed (the tid by default). */
  idToken: string;
  pid: number | undefined;
  tid: number;
  timeSeconds: number | undefined;
  period: number | undefined;
  event: string;
  rest: string;
}

export function parseHeader(line: string): SampleHeader | undefined {
  const m = HEADER_RE.exec(line);
  if (!m) return undefined;
  const hasTid = m[3] !== undefined;
  return {
    comm: m[1],
    idToken: hasTid ? `${m[2]}/${m[3]}` : m[2],
    pid: hasTid ? Number(m[2]) : undefined,
    tid: Number(hasTid ? m[3] : m[2]),
    timeSeconds: m[5] !== undefined ? Number(m[5]) : undefined,
    period: m[6] !== undefined ? Number(m[6]) : undefined,
    event: eventName(m[7]),
    rest: m[8] ?? '',
  };
}

/**
 * The event without perf's modifier suffix (`cycles:u` and `cycles:uppp` are both `cycles`,
 * as stackcollapse-perf groups them), keeping tracepoint names such as `sched:sched_switch`.
 */
function eventName(token: string): string {
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
