import { ImportError } from '../../errors';

// Which wire types the current layout allows per field, and what a mismatch means. The Profile
// and Sample messages were renumbered when opentelemetry-proto moved stacks into the dictionary,
// so a field of the wrong wire type there is the signature of an older producer; elsewhere it is
// plain corruption.

export const VARINT = 0;
export const FIXED64 = 1;
export const LEN = 2;

/** Packed repeated scalars may come packed (LEN) or one by one (their scalar wire type). */
export type FieldWires = Readonly<Record<number, readonly number[]>>;

export const REQUEST: FieldWires = { 1: [LEN], 2: [LEN] };
export const RESOURCE_PROFILES: FieldWires = { 1: [LEN], 2: [LEN], 3: [LEN] };
export const SCOPE_PROFILES: FieldWires = { 1: [LEN], 2: [LEN], 3: [LEN] };
export const DICTIONARY: FieldWires = {
  1: [LEN],
  2: [LEN],
  3: [LEN],
  4: [LEN],
  5: [LEN],
  6: [LEN],
  7: [LEN],
};
// Profile: 1 sample_type, 2 samples, 3 time_unix_nano (fixed64), 4 duration_nano, 5 period_type,
// 6 period, 7 profile_id, 8 dropped_attributes_count, 9 original_payload_format,
// 10 original_payload, 11 attribute_indices.
export const PROFILE: FieldWires = {
  1: [LEN],
  2: [LEN],
  3: [FIXED64],
  4: [VARINT],
  5: [LEN],
  6: [VARINT],
  7: [LEN],
  8: [VARINT],
  9: [LEN],
  10: [LEN],
  11: [LEN, VARINT],
};
// Sample: 1 stack_index, 2 attribute_indices, 3 link_index, 4 values, 5 timestamps_unix_nano.
export const SAMPLE: FieldWires = {
  1: [VARINT],
  2: [LEN, VARINT],
  3: [VARINT],
  4: [LEN, VARINT],
  5: [LEN, FIXED64],
};

/** The message for a file written by an older opentelemetry-proto (v1.7.0 and before). */
export function oldLayout(detail: string, offset?: number): ImportError {
  return new ImportError(
    'otlp',
    `the file uses an older OTLP profiles layout (${detail}; opentelemetry-proto v1.7.0 or ` +
      'earlier). Hotspot Lens reads the current profiles/v1development layout, where samples ' +
      'point into ProfilesDictionary.stack_table (as in PyPI opentelemetry-proto 1.45.2). ' +
      'Re-export the profile with a current OpenTelemetry Collector or eBPF profiler, or ' +
      'convert it to pprof.',
    offset === undefined ? undefined : { offset },
  );
}

const WIRE_NAMES = ['varint', 'fixed64', 'length-delimited', 'start-group', 'end-group', 'fixed32'];

export function wireName(wire: number): string {
  return WIRE_NAMES[wire] ?? `wire type ${wire}`;
}
