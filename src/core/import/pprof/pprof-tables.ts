import { ProtoReader, WIRE_LEN, WIRE_VARINT } from './protobuf-reader';

// Pass 1 over a perftools.profiles.Profile (google/pprof proto/profile.proto, field numbers in
// docs/formats.md §4.1). The string table, functions, locations and mappings may come after
// the samples in the stream, so this pass only counts samples and decodes the (small) lookup
// tables into flat number arrays; pprof-samples.ts then walks the samples in a second pass.

/** Id → index lookup: a dense table when the ids are small (the usual 1..n), a Map otherwise. */
export class IdIndex {
  private dense: Int32Array | undefined;
  private readonly sparse = new Map<number, number>();

  constructor(ids: readonly number[]) {
    let max = 0;
    for (const id of ids) max = Math.max(max, id);
    if (max < ids.length * 4 + 1024) {
      this.dense = new Int32Array(max + 1).fill(-1);
      for (let i = 0; i < ids.length; i++) this.dense[ids[i]] = i;
    } else {
      ids.forEach((id, i) => this.sparse.set(id, i));
    }
  }

  get(id: number): number {
    if (this.dense) return id < this.dense.length ? this.dense[id] : -1;
    return this.sparse.get(id) ?? -1;
  }
}

export interface PprofTables {
  readonly reader: ProtoReader;
  readonly strStart: number[];
  readonly strEnd: number[];
  readonly sampleTypes: { type: number; unit: number }[];
  defaultSampleType: number;
  timeNanos: number;
  durationNanos: number;
  sampleMessages: number;
  readonly fnId: number[];
  readonly fnName: number[];
  readonly fnSystemName: number[];
  readonly fnFile: number[];
  readonly mapId: number[];
  readonly mapFile: number[];
  readonly locId: number[];
  readonly locMapping: number[];
  /** Hex, without `0x`. */
  readonly locAddress: string[];
  /** Lines of location i are lineFunction[locLineStart[i] .. locLineStart[i + 1]). */
  readonly locLineStart: number[];
  readonly lineFunction: number[];
  readonly lineLine: number[];
  readonly lineColumn: number[];
}

export function readTables(buf: Uint8Array): PprofTables {
  const r = new ProtoReader(buf);
  const t: PprofTables = {
    reader: r,
    strStart: [],
    strEnd: [],
    sampleTypes: [],
    defaultSampleType: 0,
    timeNanos: 0,
    durationNanos: 0,
    sampleMessages: 0,
    fnId: [],
    fnName: [],
    fnSystemName: [],
    fnFile: [],
    mapId: [],
    mapFile: [],
    locId: [],
    locMapping: [],
    locAddress: [],
    locLineStart: [0],
    lineFunction: [],
    lineLine: [],
    lineColumn: [],
  };
  while (r.pos < r.end) {
    const tag = r.varint();
    const field = Math.floor(tag / 8);
    const wire = tag & 7;
    if (wire === WIRE_LEN && field >= 1 && field <= 6) {
      const end = r.lengthEnd(FIELD_NAMES[field]);
      const outer = r.end;
      r.end = end;
      if (field === 1) readValueType(r, t);
      else if (field === 2) t.sampleMessages++;
      else if (field === 3) readMapping(r, t);
      else if (field === 4) readLocation(r, t);
      else if (field === 5) readFunction(r, t);
      else {
        t.strStart.push(r.pos);
        t.strEnd.push(end);
      }
      r.pos = end;
      r.end = outer;
    } else if (wire === WIRE_VARINT && field === 9) t.timeNanos = r.int64();
    else if (wire === WIRE_VARINT && field === 10) t.durationNanos = r.int64();
    else if (wire === WIRE_VARINT && field === 14) t.defaultSampleType = r.varint();
    else r.skip(wire, field);
  }
  return t;
}

/** String `index` of the table, decoded leniently (invalid UTF-8 becomes U+FFFD). */
export function stringAt(t: PprofTables, index: number): string | undefined {
  if (index >= t.strStart.length) return undefined;
  const buf = t.reader.buf;
  return Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength).toString(
    'utf8',
    t.strStart[index],
    t.strEnd[index],
  );
}

const FIELD_NAMES = [
  '',
  'a sample type',
  'a sample',
  'a mapping',
  'a location',
  'a function',
  'a string',
];

/** Decodes the varint fields 1..count-1 of a message (ids and string indices are unsigned). */
function readVarints(r: ProtoReader, count: number): number[] {
  const out = new Array<number>(count).fill(0);
  while (r.pos < r.end) {
    const tag = r.varint();
    const field = Math.floor(tag / 8);
    if ((tag & 7) === WIRE_VARINT && field < count) out[field] = r.varint();
    else r.skip(tag & 7, field);
  }
  return out;
}

function readValueType(r: ProtoReader, t: PprofTables): void {
  const f = readVarints(r, 3);
  t.sampleTypes.push({ type: f[1], unit: f[2] });
}

function readMapping(r: ProtoReader, t: PprofTables): void {
  const f = readVarints(r, 6);
  t.mapId.push(f[1]);
  t.mapFile.push(f[5]);
}

function readFunction(r: ProtoReader, t: PprofTables): void {
  const f = readVarints(r, 5);
  t.fnId.push(f[1]);
  t.fnName.push(f[2]);
  t.fnSystemName.push(f[3]);
  t.fnFile.push(f[4]);
}

function readLocation(r: ProtoReader, t: PprofTables): void {
  let id = 0;
  let mapping = 0;
  let address = '0';
  while (r.pos < r.end) {
    const tag = r.varint();
    const field = Math.floor(tag / 8);
    const wire = tag & 7;
    if (wire === WIRE_VARINT && field === 1) id = r.varint();
    else if (wire === WIRE_VARINT && field === 2) mapping = r.varint();
    else if (wire === WIRE_VARINT && field === 3) address = r.hex();
    else if (wire === WIRE_LEN && field === 4) {
      const end = r.lengthEnd('a location line');
      const outer = r.end;
      r.end = end;
      const f = readVarints(r, 4);
      t.lineFunction.push(f[1]);
      t.lineLine.push(f[2]);
      t.lineColumn.push(f[3]);
      r.end = outer;
    } else r.skip(wire, field);
  }
  t.locId.push(id);
  t.locMapping.push(mapping);
  t.locAddress.push(address);
  t.locLineStart.push(t.lineFunction.length);
}
