import { ProtoReader } from '../pprof/protobuf-reader';
import { LEN } from './otlp-layout';

/**
 * Whether `bytes` (the start of a file) look like an ExportProfilesServiceRequest: top-level
 * fields 1 (ResourceProfiles) and 2 (ProfilesDictionary) only, both length-delimited, and the
 * first tag inside each length-delimited too. A pprof Profile fails on its first field (a
 * ValueType of varints) or on its string table (field 6). 'cut' means the bytes end before two
 * tags could be checked; two checked tags and then the end of the bytes (a sniffing window or a
 * truncated file) count as 'yes', so a truncated request still gets OTLP's error message.
 */
export function sniffOtlp(bytes: Uint8Array): 'yes' | 'no' | 'cut' {
  const r = new ProtoReader(bytes, 0, bytes.length, 'otlp');
  let tags = 0;
  try {
    while (r.pos < r.end) {
      const tag = r.varint();
      const field = Math.floor(tag / 8);
      if ((field !== 1 && field !== 2) || (tag & 7) !== LEN) return 'no';
      tags++;
      const len = r.varint();
      const end = r.pos + len;
      const inner = firstInnerTag(bytes, r.pos, Math.min(end, bytes.length), field === 1 ? 3 : 7);
      if (inner === 'no') return 'no';
      if (inner === 'yes') tags++;
      if (end > r.end) return tags >= 2 ? 'yes' : 'cut';
      r.pos = end;
    }
  } catch {
    return tags >= 2 ? 'yes' : tags > 0 ? 'cut' : 'no';
  }
  return tags > 0 ? 'yes' : 'no';
}

/** The first tag of a message: a field in 1..maxField, length-delimited ('empty' if none). */
function firstInnerTag(
  bytes: Uint8Array,
  start: number,
  end: number,
  maxField: number,
): 'yes' | 'no' | 'empty' {
  if (start >= end) return 'empty';
  const r = new ProtoReader(bytes, start, end, 'otlp');
  try {
    const tag = r.varint();
    const field = Math.floor(tag / 8);
    return field >= 1 && field <= maxField && (tag & 7) === LEN ? 'yes' : 'no';
  } catch {
    return 'empty'; // cut inside the tag
  }
}

const JSON_KEYS = /"(resourceProfiles|resource_profiles)"\s*:\s*\[/;
const DICTIONARY_KEYS =
  /"dictionary"\s*:\s*\{[^]*"(stringTable|string_table|stackTable|stack_table)"/;

/** OTLP JSON: an object whose head has `"resourceProfiles": [` (or only a dictionary). */
export function sniffOtlpJson(headText: string): boolean | undefined {
  const text = headText.trimStart();
  if (!text.startsWith('{')) return false;
  if (JSON_KEYS.test(text) || DICTIONARY_KEYS.test(text)) return true;
  return undefined;
}
