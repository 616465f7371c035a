import type { SampleHeader } from './header';

/**
 * The last ASCII sample header, to read the next one without the header regex: consecutive
 * samples of a thread print the same line but for the digits of their time (and period). A line
 * of the same length whose only differing bytes are digits inside the template's time, period or
 * cpu field parses to the same groups at the same offsets, because no part of `HEADER_RE` tells one
 * digit from another (`\d`, `\S`, `[^\s\d]`, `.` treat all ten alike): the regex takes the same
 * path through both lines. Anything else (another thread, a wider time) misses and is parsed by
 * the regex, which then makes the new template.
 */
export class HeaderTemplate {
  private readonly bytes: Uint8Array;

  constructor(
    line: string,
    private readonly header: SampleHeader,
    private readonly time: readonly [number, number] | undefined,
    private readonly period: readonly [number, number] | undefined,
    /** The `[cpu]` digits: not part of the header we keep, so they may differ freely. */
    private readonly cpu: readonly [number, number] | undefined,
  ) {
    this.bytes = Buffer.from(line, 'latin1');
  }

  /** The header of `bytes[start, end)` if it has the template's shape, else undefined. */
  match(bytes: Buffer, start: number, end: number): SampleHeader | undefined {
    const t = this.bytes;
    if (end - start !== t.length) return undefined;
    let timeChanged = false;
    let periodChanged = false;
    for (let i = 0; i < t.length; i++) {
      const b = bytes[start + i];
      if (b === t[i]) continue;
      if (b < 48 || b > 57 || t[i] < 48 || t[i] > 57) return undefined;
      if (this.time && i >= this.time[0] && i < this.time[1]) timeChanged = true;
      else if (this.period && i >= this.period[0] && i < this.period[1]) periodChanged = true;
      else if (!(this.cpu && i >= this.cpu[0] && i < this.cpu[1])) return undefined;
    }
    const h = this.header;
    if (!timeChanged && !periodChanged) return h;
    return {
      comm: h.comm,
      firstId: h.firstId,
      tid: h.tid,
      timeSeconds: timeChanged
        ? Number(bytes.toString('latin1', start + this.time![0], start + this.time![1]))
        : h.timeSeconds,
      period: periodChanged
        ? Number(bytes.toString('latin1', start + this.period![0], start + this.period![1]))
        : h.period,
      eventToken: h.eventToken,
      rest: h.rest,
    };
  }
}
