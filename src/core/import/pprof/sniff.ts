import { constants, gunzipSync } from 'zlib';
import { ProtoReader, WIRE_LEN, WIRE_VARINT } from './protobuf-reader';

export function isGzip(head: Uint8Array): boolean {
  return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}

/**
 * The start of a gzip stream, decompressed from the first 4 KiB of `head` (Z_SYNC_FLUSH makes
 * zlib return what it has instead of failing on the missing end), or undefined if it is not
 * gzip. 4 KiB inflate to at most ~4 MiB, so the output cap below is never the reason to fail.
 */
export function peekGunzip(head: Uint8Array): Uint8Array | undefined {
  try {
    return gunzipSync(head.subarray(0, 4096), {
      finishFlush: constants.Z_SYNC_FLUSH,
      maxOutputLength: 8 << 20,
    });
  } catch {
    return undefined;
  }
}

// Wire type each top-level Profile field may have (docs/formats.md §4.1): 1-6 and 11 are
// messages/strings, the rest varints; comment (13) is a repeated int64, packed or not.
const PROFILE_WIRE: readonly (number | undefined)[] = [
  undefined,
  WIRE_LEN,
  WIRE_LEN,
  WIRE_LEN,
  WIRE_LEN,
  WIRE_LEN,
  WIRE_LEN,
  WIRE_VARINT,
  WIRE_VARINT,
  WIRE_VARINT,
  WIRE_VARINT,
  WIRE_LEN,
  WIRE_VARINT,
  WIRE_VARINT,
  WIRE_VARINT,
  WIRE_VARINT,
];

/**
 * Whether `bytes` (the start of a file) parse as top-level Profile fields with the right wire
 * types. Text formats fail within a few bytes: `{`, `#`, letters and digits make invalid tags.
 * 'cut' means valid fields up to one that runs past the end: fine for a sniffing window or a
 * partial gunzip, a truncated file (or chance) when `bytes` is the whole input.
 */
export function sniffProfile(bytes: Uint8Array): 'yes' | 'no' | 'cut' {
  const r = new ProtoReader(bytes);
  let fields = 0;
  try {
    while (r.pos < r.end) {
      const tag = r.varint();
      const field = Math.floor(tag / 8);
      const wire = tag & 7;
      const expected = PROFILE_WIRE[field];
      if (expected === undefined) return 'no';
      if (wire !== expected && !(field === 13 && wire === WIRE_LEN)) return 'no';
      fields++;
      if (wire === WIRE_LEN) {
        const len = r.varint();
        if (r.pos + len > r.end) return 'cut';
        r.pos += len;
      } else r.varint();
    }
  } catch {
    return fields > 0 ? 'cut' : 'no';
  }
  return fields > 0 ? 'yes' : 'no';
}
