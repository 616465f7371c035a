// What both OTLP readers (protobuf: otlp-proto.ts, JSON: otlp-json.ts) produce: the
// ProfilesDictionary as flat number arrays, the resources and scopes as decoded strings, and one
// cursor per Profile that walks its samples. otlp-decoder.ts turns this into a Profile, so the
// two encodings share every rule about frames, threads and values.
//
// Layout: opentelemetry-proto `profiles/v1development` as shipped in PyPI opentelemetry-proto
// 1.45.2 (docs/formats.md §5.2): dictionary tables referenced by index, index 0 of
// each table the zero value, Sample.stack_index into stack_table, one sample_type per Profile.

/** Strings of the dictionary, decoded on demand (the protobuf reader keeps byte ranges). */
export interface StringTable {
  readonly count: number;
  get(index: number): string;
}

export interface OtlpDictionary {
  readonly strings: StringTable;
  /** Mapping i: filename string index. */
  readonly mapFile: number[];
  /** Function i: name, system name and file name string indices. */
  readonly fnName: number[];
  readonly fnSystemName: number[];
  readonly fnFile: number[];
  /** Location i: mapping index, address as hex (no `0x`), lines and attributes as ranges. */
  readonly locMapping: number[];
  readonly locAddress: string[];
  readonly locLineStart: number[];
  readonly lineFunction: number[];
  readonly lineLine: number[];
  readonly lineColumn: number[];
  readonly locAttrStart: number[];
  readonly locAttrs: number[];
  /** Attribute i: key string index and the value as text (`''` when unset or a list/map). */
  readonly attrKey: number[];
  readonly attrValue: string[];
  /** Stack i: location indices (leaf first) stackLocs[stackStart[i] .. stackStart[i + 1]). */
  readonly stackStart: number[];
  readonly stackLocs: number[];
}

export function emptyDictionary(strings: StringTable): OtlpDictionary {
  return {
    strings,
    mapFile: [],
    fnName: [],
    fnSystemName: [],
    fnFile: [],
    locMapping: [],
    locAddress: [],
    locLineStart: [0],
    lineFunction: [],
    lineLine: [],
    lineColumn: [],
    locAttrStart: [0],
    locAttrs: [],
    attrKey: [],
    attrValue: [],
    stackStart: [0],
    stackLocs: [],
  };
}

/** Resource or scope attributes, decoded (`service.name` → `report-api`). */
export type Attributes = ReadonlyMap<string, string>;

/** One sample at a time; `next()` returns false after the last one. */
export interface SampleCursor {
  next(): boolean;
  /** Of the current sample: */
  stack: number;
  readonly attrs: number[];
  /** Sum of `values`, or the number of timestamps when there are no values (each counts 1). */
  value: number;
  /** Byte offset (protobuf) of the sample, for error messages; undefined for JSON. */
  offset: number | undefined;
  /** Where the sample is, for error messages: `profile 0 sample 3` or a JSON path. */
  where(): string;
}

export interface OtlpProfile {
  readonly resource: number;
  readonly scope: number;
  readonly typeIndex: number;
  readonly unitIndex: number;
  readonly timeNanos: number;
  readonly durationNanos: number;
  readonly attrs: number[];
  readonly samples: () => SampleCursor;
}

export interface OtlpRequest {
  readonly dictionary: OtlpDictionary;
  readonly resources: Attributes[];
  readonly scopes: { name: string; version: string; attributes: Attributes }[];
  readonly profiles: OtlpProfile[];
}
