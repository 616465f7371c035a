import { ImportError } from '../../errors';
import type { ProfileFormat } from '../../model';

// A hand-written protobuf wire-format reader. We do not use a generated decoder (pprof-format,
// protobufjs) because they build one object per Sample/Label/Line and an array per repeated
// field (docs/formats.md §4.3: npm pprof-format read a 200 MB profile at ~6 MB/s with 3 GB
// RSS). This reader only moves a cursor over one Uint8Array, so the pprof decoder can walk
// a message, remember byte ranges and aggregate samples without allocating per field.

export const WIRE_VARINT = 0;
export const WIRE_FIXED64 = 1;
export const WIRE_LEN = 2;
export const WIRE_FIXED32 = 5;

const TWO_32 = 4294967296;

export class ProtoReader {
  pos: number;
  end: number;
  /** High 32 bits of the last varint read by `parts()` (the low bits are its return value). */
  private hi = 0;

  constructor(
    readonly buf: Uint8Array,
    start = 0,
    end = buf.length,
    /** Named in errors: the OTLP importer reads its own messages with this reader. */
    readonly format: ProfileFormat = 'pprof',
  ) {
    this.pos = start;
    this.end = end;
  }

  truncated(what: string): never {
    throw new ImportError(this.format, `the data ends inside ${what} (truncated file?)`, {
      offset: this.pos,
    });
  }

  invalid(reason: string, offset = this.pos): never {
    throw new ImportError(this.format, reason, { offset });
  }

  /** Reads a varint; returns its low 32 bits (unsigned) and leaves the high 32 bits in `hi`. */
  private parts(): number {
    const buf = this.buf;
    const end = this.end;
    let pos = this.pos;
    if (pos >= end) this.truncated('a varint');
    let b = buf[pos++];
    let lo = b & 0x7f;
    this.hi = 0;
    if (b < 0x80) {
      this.pos = pos;
      return lo;
    }
    for (let shift = 7; shift < 28; shift += 7) {
      if (pos >= end) this.truncated('a varint');
      b = buf[pos++];
      lo |= (b & 0x7f) << shift;
      if (b < 0x80) {
        this.pos = pos;
        return lo >>> 0;
      }
    }
    if (pos >= end) this.truncated('a varint');
    b = buf[pos++];
    lo |= (b & 0x0f) << 28;
    let hi = (b & 0x7f) >>> 4;
    if (b >= 0x80) {
      for (let shift = 3; ; shift += 7) {
        if (shift > 31) this.invalid('a varint is longer than 10 bytes', pos);
        if (pos >= end) this.truncated('a varint');
        b = buf[pos++];
        hi |= (b & 0x7f) << shift;
        if (b < 0x80) break;
      }
    }
    this.pos = pos;
    this.hi = hi >>> 0;
    return lo >>> 0;
  }

  /** An unsigned varint as a Number (exact below 2^53, correctly rounded above). */
  varint(): number {
    const buf = this.buf;
    const pos = this.pos;
    // Fast path: most tags, lengths, ids and string indices fit in one byte.
    if (pos < this.end && buf[pos] < 0x80) {
      this.pos = pos + 1;
      return buf[pos];
    }
    const lo = this.parts();
    return this.hi * TWO_32 + lo;
  }

  /** A signed int64 (two's complement in 10 bytes when negative) as a Number. */
  int64(): number {
    const lo = this.parts();
    const hi = this.hi;
    if (hi < 0x80000000) return hi * TWO_32 + lo;
    // Negative: -(~value + 1), computed on the two halves so small negatives stay exact.
    return -((~hi >>> 0) * TWO_32 + (~lo >>> 0) + 1);
  }

  /** An unsigned varint as exact lowercase hex (addresses above 2^53 would lose bits). */
  hex(): string {
    const lo = this.parts();
    const hi = this.hi;
    if (hi === 0) return lo.toString(16);
    return hi.toString(16) + lo.toString(16).padStart(8, '0');
  }

  /** Reads a length prefix and returns the end offset of the field's payload. */
  lengthEnd(what: string): number {
    const len = this.varint();
    const end = this.pos + len;
    if (end > this.end) this.truncated(what);
    return end;
  }

  skip(wireType: number, field: number): void {
    switch (wireType) {
      case WIRE_VARINT:
        this.parts();
        return;
      case WIRE_FIXED64:
        if (this.pos + 8 > this.end) this.truncated(`field ${field}`);
        this.pos += 8;
        return;
      case WIRE_LEN:
        this.pos = this.lengthEnd(`field ${field}`);
        return;
      case WIRE_FIXED32:
        if (this.pos + 4 > this.end) this.truncated(`field ${field}`);
        this.pos += 4;
        return;
      default:
        this.invalid(`field ${field} has unsupported wire type ${wireType}`);
    }
  }
}
