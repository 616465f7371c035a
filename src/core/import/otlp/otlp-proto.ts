import { ProtoReader } from '../pprof/protobuf-reader';
import {
  DICTIONARY,
  FIXED64,
  LEN,
  oldLayout,
  PROFILE,
  REQUEST,
  RESOURCE_PROFILES,
  SAMPLE,
  SCOPE_PROFILES,
  VARINT,
  wireName,
  type FieldWires,
} from './otlp-layout';
import {
  emptyDictionary,
  type OtlpDictionary,
  type OtlpProfile,
  type OtlpRequest,
  type SampleCursor,
  type StringTable,
} from './otlp-tables';

// Reads an ExportProfilesServiceRequest (or ProfilesData: same field numbers) in protobuf with
// the pprof importer's cursor-only reader. The dictionary may follow the resources in the
// stream, so the top level is walked once for byte ranges, the dictionary decoded into flat
// arrays, and each Profile's samples walked later by a cursor over the Profile's bytes.

interface Range {
  start: number;
  end: number;
}

/** Reads one tag; throws when its wire type does not fit the field in `wires`. */
function tag(
  r: ProtoReader,
  wires: FieldWires,
  message: string,
  old: boolean,
): { field: number; wire: number } {
  const at = r.pos;
  const t = r.varint();
  const field = Math.floor(t / 8);
  const wire = t & 7;
  const allowed = wires[field];
  if (allowed !== undefined && !allowed.includes(wire)) {
    const detail = `${message} field ${field} is ${wireName(wire)}, the current layout has ${wireName(allowed[0])}`;
    // Older layouts used varint, fixed64 and length-delimited fields; others are corruption.
    if (old && wire <= LEN) throw oldLayout(detail, at);
    r.invalid(`${detail} (corrupt data?)`, at);
  }
  if (field === 0) r.invalid(`${message} has a field number 0 (corrupt data?)`, at);
  return { field, wire };
}

/** Enters a length-delimited field: returns its range and leaves the cursor after it. */
function sub(r: ProtoReader, what: string): Range {
  const end = r.lengthEnd(what);
  const range = { start: r.pos, end };
  r.pos = end;
  return range;
}

function within<T>(r: ProtoReader, range: Range, read: () => T): T {
  const [pos, end] = [r.pos, r.end];
  r.pos = range.start;
  r.end = range.end;
  try {
    return read();
  } finally {
    r.pos = pos;
    r.end = end;
  }
}

/** Varints of a packed (LEN) or single (VARINT) repeated field, appended to `out`. */
function repeatedVarints(r: ProtoReader, wire: number, out: number[], what: string): void {
  if (wire === VARINT) {
    out.push(r.varint());
    return;
  }
  const end = r.lengthEnd(what);
  const outer = r.end;
  r.end = end;
  while (r.pos < end) out.push(r.varint());
  r.end = outer;
}

function fixed64(r: ProtoReader, what: string): number {
  if (r.pos + 8 > r.end) r.truncated(what);
  const view = new DataView(r.buf.buffer, r.buf.byteOffset + r.pos, 8);
  r.pos += 8;
  return view.getUint32(4, true) * 2 ** 32 + view.getUint32(0, true);
}

function text(buf: Uint8Array, range: Range): string {
  return Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength).toString(
    'utf8',
    range.start,
    range.end,
  );
}

export function readProtoRequest(buf: Uint8Array): OtlpRequest {
  const r = new ProtoReader(buf, 0, buf.length, 'otlp');
  const resourceRanges: Range[] = [];
  let dictionaryRange: Range | undefined;
  while (r.pos < r.end) {
    const { field, wire } = tag(r, REQUEST, 'ExportProfilesServiceRequest', false);
    if (field === 1) resourceRanges.push(sub(r, 'a ResourceProfiles'));
    else if (field === 2) dictionaryRange = sub(r, 'the ProfilesDictionary');
    else r.skip(wire, field);
  }
  const strings = new ProtoStrings(buf);
  const dictionary = emptyDictionary(strings);
  if (dictionaryRange) within(r, dictionaryRange, () => readDictionary(r, dictionary, strings));
  const request: OtlpRequest = { dictionary, resources: [], scopes: [], profiles: [] };
  for (const range of resourceRanges) {
    within(r, range, () => readResourceProfiles(r, request, strings));
  }
  if (!dictionaryRange && request.profiles.some((p) => (p as ProtoProfile).hasSamples)) {
    throw oldLayout('the request has no ProfilesDictionary, so its tables are per Profile', 0);
  }
  return request;
}

class ProtoStrings implements StringTable {
  readonly ranges: Range[] = [];
  private readonly decoded: (string | undefined)[] = [];

  constructor(private readonly buf: Uint8Array) {}

  get count(): number {
    return this.ranges.length;
  }

  get(index: number): string {
    let s = this.decoded[index];
    if (s === undefined) {
      const range = this.ranges[index];
      if (range === undefined) return '';
      s = text(this.buf, range);
      this.decoded[index] = s;
    }
    return s;
  }
}

function readDictionary(r: ProtoReader, d: OtlpDictionary, strings: ProtoStrings): void {
  while (r.pos < r.end) {
    const { field, wire } = tag(r, DICTIONARY, 'ProfilesDictionary', false);
    if (field === 5) {
      strings.ranges.push(sub(r, 'a string'));
      continue;
    }
    if (field < 1 || field > 7) {
      r.skip(wire, field);
      continue;
    }
    const range = sub(r, DICTIONARY_ENTRIES[field]);
    within(r, range, () => {
      if (field === 1) readMapping(r, d);
      else if (field === 2) readLocation(r, d);
      else if (field === 3) readFunction(r, d);
      else if (field === 6) readAttribute(r, d);
      else if (field === 7) readStack(r, d);
      // 4: links (trace/span ids) are not shown.
    });
  }
}

const DICTIONARY_ENTRIES = [
  '',
  'a mapping',
  'a location',
  'a function',
  'a link',
  'a string',
  'an attribute',
  'a stack',
];

/** The varint fields 1..count-1 of a message, rejecting other wire types for them. */
function varintFields(r: ProtoReader, count: number, message: string): number[] {
  const out = new Array<number>(count).fill(0);
  while (r.pos < r.end) {
    const at = r.pos;
    const t = r.varint();
    const field = Math.floor(t / 8);
    const wire = t & 7;
    if (field > 0 && field < count) {
      if (wire !== VARINT) {
        r.invalid(`${message} field ${field} is ${wireName(wire)}, expected varint`, at);
      }
      out[field] = r.int64();
    } else r.skip(wire, field);
  }
  return out;
}

function readMapping(r: ProtoReader, d: OtlpDictionary): void {
  let file = 0;
  while (r.pos < r.end) {
    const t = r.varint();
    if (t === ((4 << 3) | VARINT)) file = r.varint();
    else r.skip(t & 7, Math.floor(t / 8));
  }
  d.mapFile.push(file);
}

function readFunction(r: ProtoReader, d: OtlpDictionary): void {
  const f = varintFields(r, 4, 'a Function');
  d.fnName.push(f[1]);
  d.fnSystemName.push(f[2]);
  d.fnFile.push(f[3]);
}

function readLocation(r: ProtoReader, d: OtlpDictionary): void {
  let mapping = 0;
  let address = '0';
  while (r.pos < r.end) {
    const at = r.pos;
    const t = r.varint();
    const field = Math.floor(t / 8);
    const wire = t & 7;
    if (field === 1 && wire === VARINT) mapping = r.varint();
    else if (field === 2 && wire === VARINT) address = r.hex();
    else if (field === 3 && wire === LEN) {
      const range = sub(r, 'a location line');
      const f = within(r, range, () => varintFields(r, 4, 'a Line'));
      d.lineFunction.push(f[1]);
      d.lineLine.push(f[2]);
      d.lineColumn.push(f[3]);
    } else if (field === 4 && (wire === LEN || wire === VARINT)) {
      repeatedVarints(r, wire, d.locAttrs, 'location attribute indices');
    } else if (field >= 1 && field <= 4) {
      r.invalid(`a Location field ${field} is ${wireName(wire)} (corrupt data?)`, at);
    } else r.skip(wire, field);
  }
  d.locMapping.push(mapping);
  d.locAddress.push(address);
  d.locLineStart.push(d.lineFunction.length);
  d.locAttrStart.push(d.locAttrs.length);
}

function readStack(r: ProtoReader, d: OtlpDictionary): void {
  while (r.pos < r.end) {
    const t = r.varint();
    const wire = t & 7;
    if (Math.floor(t / 8) === 1 && (wire === LEN || wire === VARINT)) {
      repeatedVarints(r, wire, d.stackLocs, 'stack location indices');
    } else r.skip(wire, Math.floor(t / 8));
  }
  d.stackStart.push(d.stackLocs.length);
}

function readAttribute(r: ProtoReader, d: OtlpDictionary): void {
  let key = 0;
  let value = '';
  while (r.pos < r.end) {
    const t = r.varint();
    if (t === ((1 << 3) | VARINT)) key = r.varint();
    else if (t === ((2 << 3) | LEN))
      value = readAnyValue(r, sub(r, 'an attribute value'), d.strings);
    else r.skip(t & 7, Math.floor(t / 8));
  }
  d.attrKey.push(key);
  d.attrValue.push(value);
}

/** An AnyValue as text; lists, maps and bytes (never frame or thread data) become ''. */
function readAnyValue(r: ProtoReader, range: Range, strings: StringTable): string {
  return within(r, range, () => {
    let value = '';
    while (r.pos < r.end) {
      const t = r.varint();
      const field = Math.floor(t / 8);
      const wire = t & 7;
      if (field === 1 && wire === LEN) value = text(r.buf, sub(r, 'a string value'));
      else if (field === 2 && wire === VARINT) value = r.varint() !== 0 ? 'true' : 'false';
      else if (field === 3 && wire === VARINT) value = String(r.int64());
      else if (field === 4 && wire === FIXED64) {
        const view = new DataView(r.buf.buffer, r.buf.byteOffset, r.buf.byteLength);
        if (r.pos + 8 > r.end) r.truncated('a double value');
        value = String(view.getFloat64(r.pos, true));
        r.pos += 8;
      } else if (field === 8 && wire === VARINT) value = strings.get(r.varint());
      else r.skip(wire, field);
    }
    return value;
  });
}

/** Resource.attributes / InstrumentationScope.attributes: repeated KeyValue. */
function readKeyValue(
  r: ProtoReader,
  range: Range,
  strings: StringTable,
  out: Map<string, string>,
) {
  within(r, range, () => {
    let key = '';
    let value = '';
    while (r.pos < r.end) {
      const t = r.varint();
      if (t === ((1 << 3) | LEN)) key = text(r.buf, sub(r, 'an attribute key'));
      else if (t === ((2 << 3) | LEN))
        value = readAnyValue(r, sub(r, 'an attribute value'), strings);
      else if (t === ((3 << 3) | VARINT)) key = strings.get(r.varint());
      else r.skip(t & 7, Math.floor(t / 8));
    }
    if (key) out.set(key, value);
  });
}

function readResourceProfiles(r: ProtoReader, request: OtlpRequest, strings: StringTable): void {
  const attributes = new Map<string, string>();
  const resource = request.resources.length;
  request.resources.push(attributes);
  while (r.pos < r.end) {
    const { field, wire } = tag(r, RESOURCE_PROFILES, 'ResourceProfiles', false);
    if (field === 1) {
      const range = sub(r, 'a Resource');
      within(r, range, () => {
        while (r.pos < r.end) {
          const t = r.varint();
          if (t === ((1 << 3) | LEN))
            readKeyValue(r, sub(r, 'a resource attribute'), strings, attributes);
          else r.skip(t & 7, Math.floor(t / 8));
        }
      });
    } else if (field === 2) {
      const range = sub(r, 'a ScopeProfiles');
      within(r, range, () => readScopeProfiles(r, request, resource, strings));
    } else r.skip(wire, field);
  }
}

function readScopeProfiles(
  r: ProtoReader,
  request: OtlpRequest,
  resource: number,
  strings: StringTable,
): void {
  const scopeInfo = { name: '', version: '', attributes: new Map<string, string>() };
  const scope = request.scopes.length;
  request.scopes.push(scopeInfo);
  while (r.pos < r.end) {
    // Proto v1.3's v1experimental ProfileContainer sat here too: its fields 2 and 8 clash.
    const { field, wire } = tag(r, SCOPE_PROFILES, 'ScopeProfiles', false);
    if (field === 1) {
      within(r, sub(r, 'an InstrumentationScope'), () => {
        while (r.pos < r.end) {
          const t = r.varint();
          if (t === ((1 << 3) | LEN)) scopeInfo.name = text(r.buf, sub(r, 'a scope name'));
          else if (t === ((2 << 3) | LEN))
            scopeInfo.version = text(r.buf, sub(r, 'a scope version'));
          else if (t === ((3 << 3) | LEN)) {
            readKeyValue(r, sub(r, 'a scope attribute'), strings, scopeInfo.attributes);
          } else r.skip(t & 7, Math.floor(t / 8));
        }
      });
    } else if (field === 2) {
      const range = sub(r, 'a Profile');
      request.profiles.push(within(r, range, () => readProfile(r, range, resource, scope)));
    } else r.skip(wire, field);
  }
}

interface ProtoProfile extends OtlpProfile {
  readonly hasSamples: boolean;
}

function readProfile(r: ProtoReader, range: Range, resource: number, scope: number): ProtoProfile {
  let typeIndex = 0;
  let unitIndex = 0;
  let timeNanos = 0;
  let durationNanos = 0;
  let hasSamples = false;
  let sampleTypes = 0;
  const attrs: number[] = [];
  while (r.pos < r.end) {
    const at = r.pos;
    const { field, wire } = tag(r, PROFILE, 'Profile', true);
    if (field === 1) {
      // Repeated sample_type (one value per type in each Sample) is the old layout; the
      // current one has exactly one.
      if (++sampleTypes > 1) throw oldLayout('a Profile declares several sample types', at);
      const f = within(r, sub(r, 'a sample type'), () => varintFields(r, 3, 'a ValueType'));
      typeIndex = f[1];
      unitIndex = f[2];
    } else if (field === 2) {
      hasSamples = true;
      r.pos = r.lengthEnd('a sample');
    } else if (field === 3) timeNanos = fixed64(r, 'time_unix_nano');
    else if (field === 4) durationNanos = r.varint();
    else if (field === 11) repeatedVarints(r, wire, attrs, 'profile attribute indices');
    else r.skip(wire, field);
  }
  const buf = r.buf;
  return {
    resource,
    scope,
    typeIndex,
    unitIndex,
    timeNanos,
    durationNanos,
    attrs,
    hasSamples,
    samples: () => new ProtoSampleCursor(buf, range),
  };
}

class ProtoSampleCursor implements SampleCursor {
  stack = 0;
  readonly attrs: number[] = [];
  value = 0;
  offset: number | undefined;
  private readonly r: ProtoReader;
  private index = -1;

  constructor(
    buf: Uint8Array,
    private readonly range: Range,
  ) {
    this.r = new ProtoReader(buf, range.start, range.end, 'otlp');
  }

  where(): string {
    return `sample ${this.index} of the Profile at byte ${this.range.start}`;
  }

  next(): boolean {
    const r = this.r;
    while (r.pos < r.end) {
      const t = r.varint();
      if (t !== ((2 << 3) | LEN)) {
        r.skip(t & 7, Math.floor(t / 8));
        continue;
      }
      const end = r.lengthEnd('a sample');
      this.index++;
      this.offset = r.pos;
      const outer = r.end;
      r.end = end;
      this.sample();
      r.end = outer;
      return true;
    }
    return false;
  }

  private sample(): void {
    const r = this.r;
    this.stack = 0;
    this.attrs.length = 0;
    let sum = 0;
    let values = 0;
    let timestamps = 0;
    while (r.pos < r.end) {
      const { field, wire } = tag(r, SAMPLE, 'Sample', true);
      if (field === 1) this.stack = r.varint();
      else if (field === 2) repeatedVarints(r, wire, this.attrs, 'sample attribute indices');
      else if (field === 4 && wire === VARINT) {
        sum += r.int64();
        values++;
      } else if (field === 4) {
        const end = r.lengthEnd('sample values');
        const outer = r.end;
        r.end = end;
        while (r.pos < end) {
          sum += r.int64();
          values++;
        }
        r.end = outer;
      } else if (field === 5 && wire === FIXED64) {
        fixed64(r, 'a sample timestamp');
        timestamps++;
      } else if (field === 5) {
        const end = r.lengthEnd('sample timestamps');
        if ((end - r.pos) % 8 !== 0) {
          r.invalid('packed sample timestamps are not a multiple of 8 bytes (corrupt data?)');
        }
        timestamps += (end - r.pos) / 8;
        r.pos = end;
      } else r.skip(wire, field);
    }
    this.value = values > 0 ? sum : timestamps;
  }
}
