import { ImportError } from '../../errors';
import { oldLayout } from './otlp-layout';
import {
  emptyDictionary,
  type OtlpDictionary,
  type OtlpProfile,
  type OtlpRequest,
  type SampleCursor,
} from './otlp-tables';

// OTLP JSON (the OTLP/HTTP JSON encoding, what `MessageToJson` and the Collector's file exporter
// write): protobuf's JSON mapping with lowerCamelCase keys, 64-bit integers as decimal strings
// or numbers, zero values left out. Proto field names (snake_case) are accepted too, as every
// protobuf JSON parser does.

type Json = Record<string, unknown>;

function snake(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

class JsonReader {
  /** `key` in lowerCamelCase; its snake_case spelling is read too. */
  field(obj: Json, key: string): unknown {
    const v = obj[key];
    return v !== undefined ? v : obj[snake(key)];
  }

  bad(path: string, reason: string): never {
    throw new ImportError('otlp', `${path}: ${reason}`);
  }

  object(v: unknown, path: string): Json | undefined {
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'object' || Array.isArray(v)) this.bad(path, 'expected an object');
    return v as Json;
  }

  array(v: unknown, path: string): unknown[] {
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) this.bad(path, 'expected an array');
    return v;
  }

  /** An integer field: JSON number or decimal string (int64s); absent = 0. */
  int(v: unknown, path: string): number {
    if (v === undefined || v === null) return 0;
    const n = typeof v === 'string' && /^-?\d+$/.test(v.trim()) ? Number(v) : v;
    if (typeof n !== 'number' || !Number.isInteger(n)) this.bad(path, 'expected an integer');
    return n;
  }

  /** A uint64 as hex without `0x`, exact even above 2^53. */
  hex(v: unknown, path: string): string {
    if (v === undefined || v === null) return '0';
    if (typeof v === 'number' && Number.isInteger(v) && v >= 0) return v.toString(16);
    if (typeof v === 'string' && /^\d+$/.test(v.trim())) return BigInt(v.trim()).toString(16);
    return this.bad(path, 'expected an unsigned integer');
  }

  string(v: unknown, path: string): string {
    if (v === undefined || v === null) return '';
    if (typeof v !== 'string') this.bad(path, 'expected a string');
    return v;
  }

  ints(v: unknown, path: string, out: number[]): void {
    this.array(v, path).forEach((x, i) => out.push(this.int(x, `${path}[${i}]`)));
  }
}

const j = new JsonReader();

/** Parses OTLP JSON text, or returns null when it is JSON of another kind. */
export function readJsonRequest(json: unknown): OtlpRequest | null {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return null;
  const root = json as Json;
  const resourceList = j.field(root, 'resourceProfiles');
  const dictJson = j.field(root, 'dictionary');
  if (resourceList === undefined && dictJson === undefined) return null;
  const strings: string[] = [];
  const d = emptyDictionary({
    get count() {
      return strings.length;
    },
    get: (i) => strings[i] ?? '',
  });
  const dict = j.object(dictJson, 'dictionary');
  if (dict) readDictionary(dict, d, strings);
  const request: OtlpRequest = { dictionary: d, resources: [], scopes: [], profiles: [] };
  j.array(resourceList, 'resourceProfiles').forEach((rp, ri) => {
    const path = `resourceProfiles[${ri}]`;
    const rpObj = j.object(rp, path) ?? {};
    const resource = request.resources.length;
    const resourceObj = j.object(j.field(rpObj, 'resource'), `${path}.resource`) ?? {};
    request.resources.push(
      attributes(j.field(resourceObj, 'attributes'), `${path}.resource.attributes`, strings),
    );
    j.array(j.field(rpObj, 'scopeProfiles'), `${path}.scopeProfiles`).forEach((sp, si) => {
      const spath = `${path}.scopeProfiles[${si}]`;
      const spObj = j.object(sp, spath) ?? {};
      const scopeObj = j.object(j.field(spObj, 'scope'), `${spath}.scope`) ?? {};
      const scope = request.scopes.length;
      request.scopes.push({
        name: j.string(j.field(scopeObj, 'name'), `${spath}.scope.name`),
        version: j.string(j.field(scopeObj, 'version'), `${spath}.scope.version`),
        attributes: attributes(
          j.field(scopeObj, 'attributes'),
          `${spath}.scope.attributes`,
          strings,
        ),
      });
      j.array(j.field(spObj, 'profiles'), `${spath}.profiles`).forEach((p, pi) => {
        const ppath = `${spath}.profiles[${pi}]`;
        request.profiles.push(readProfile(j.object(p, ppath) ?? {}, ppath, resource, scope));
      });
    });
  });
  if (!dict && request.profiles.length > 0) {
    throw oldLayout('the request has no "dictionary", so its tables are per Profile');
  }
  return request;
}

function anyValue(v: unknown, path: string, strings: string[]): string {
  const obj = j.object(v, path);
  if (!obj) return '';
  const s = j.field(obj, 'stringValue');
  if (s !== undefined) return j.string(s, `${path}.stringValue`);
  const si = j.field(obj, 'stringValueStrindex');
  if (si !== undefined) return strings[j.int(si, `${path}.stringValueStrindex`)] ?? '';
  const b = j.field(obj, 'boolValue');
  if (b !== undefined) return b === true ? 'true' : 'false';
  const i = j.field(obj, 'intValue');
  if (i !== undefined) return String(j.int(i, `${path}.intValue`));
  const dbl = j.field(obj, 'doubleValue');
  if (typeof dbl === 'number' || typeof dbl === 'string') return String(Number(dbl));
  return '';
}

function attributes(v: unknown, path: string, strings: string[]): Map<string, string> {
  const out = new Map<string, string>();
  j.array(v, path).forEach((kv, i) => {
    const p = `${path}[${i}]`;
    const obj = j.object(kv, p) ?? {};
    const keyIndex = j.field(obj, 'keyStrindex');
    const key =
      keyIndex !== undefined
        ? (strings[j.int(keyIndex, `${p}.keyStrindex`)] ?? '')
        : j.string(j.field(obj, 'key'), `${p}.key`);
    if (key) out.set(key, anyValue(j.field(obj, 'value'), `${p}.value`, strings));
  });
  return out;
}

function readDictionary(dict: Json, d: OtlpDictionary, strings: string[]): void {
  j.array(j.field(dict, 'stringTable'), 'dictionary.stringTable').forEach((s, i) =>
    strings.push(j.string(s, `dictionary.stringTable[${i}]`)),
  );
  j.array(j.field(dict, 'mappingTable'), 'dictionary.mappingTable').forEach((m, i) => {
    const p = `dictionary.mappingTable[${i}]`;
    d.mapFile.push(
      j.int(j.field(j.object(m, p) ?? {}, 'filenameStrindex'), `${p}.filenameStrindex`),
    );
  });
  j.array(j.field(dict, 'functionTable'), 'dictionary.functionTable').forEach((f, i) => {
    const p = `dictionary.functionTable[${i}]`;
    const obj = j.object(f, p) ?? {};
    d.fnName.push(j.int(j.field(obj, 'nameStrindex'), `${p}.nameStrindex`));
    d.fnSystemName.push(j.int(j.field(obj, 'systemNameStrindex'), `${p}.systemNameStrindex`));
    d.fnFile.push(j.int(j.field(obj, 'filenameStrindex'), `${p}.filenameStrindex`));
  });
  j.array(j.field(dict, 'locationTable'), 'dictionary.locationTable').forEach((l, i) => {
    const p = `dictionary.locationTable[${i}]`;
    const obj = j.object(l, p) ?? {};
    d.locMapping.push(j.int(j.field(obj, 'mappingIndex'), `${p}.mappingIndex`));
    d.locAddress.push(j.hex(j.field(obj, 'address'), `${p}.address`));
    j.array(j.field(obj, 'lines'), `${p}.lines`).forEach((line, k) => {
      const lp = `${p}.lines[${k}]`;
      const lo = j.object(line, lp) ?? {};
      d.lineFunction.push(j.int(j.field(lo, 'functionIndex'), `${lp}.functionIndex`));
      d.lineLine.push(j.int(j.field(lo, 'line'), `${lp}.line`));
      d.lineColumn.push(j.int(j.field(lo, 'column'), `${lp}.column`));
    });
    j.ints(j.field(obj, 'attributeIndices'), `${p}.attributeIndices`, d.locAttrs);
    d.locLineStart.push(d.lineFunction.length);
    d.locAttrStart.push(d.locAttrs.length);
  });
  j.array(j.field(dict, 'attributeTable'), 'dictionary.attributeTable').forEach((a, i) => {
    const p = `dictionary.attributeTable[${i}]`;
    const obj = j.object(a, p) ?? {};
    d.attrKey.push(j.int(j.field(obj, 'keyStrindex'), `${p}.keyStrindex`));
    d.attrValue.push(anyValue(j.field(obj, 'value'), `${p}.value`, strings));
  });
  j.array(j.field(dict, 'stackTable'), 'dictionary.stackTable').forEach((s, i) => {
    const p = `dictionary.stackTable[${i}]`;
    j.ints(j.field(j.object(s, p) ?? {}, 'locationIndices'), `${p}.locationIndices`, d.stackLocs);
    d.stackStart.push(d.stackLocs.length);
  });
}

function readProfile(obj: Json, path: string, resource: number, scope: number): OtlpProfile {
  const sampleType = j.field(obj, 'sampleType');
  if (Array.isArray(sampleType)) throw oldLayout(`${path}.sampleType is a list`);
  for (const key of ['locationIndices', 'stringTable', 'locationTable']) {
    if (j.field(obj, key) !== undefined) throw oldLayout(`${path} has "${key}"`);
  }
  const st = j.object(sampleType, `${path}.sampleType`) ?? {};
  const samples = j.array(j.field(obj, 'samples'), `${path}.samples`);
  const attrs: number[] = [];
  j.ints(j.field(obj, 'attributeIndices'), `${path}.attributeIndices`, attrs);
  return {
    resource,
    scope,
    typeIndex: j.int(j.field(st, 'typeStrindex'), `${path}.sampleType.typeStrindex`),
    unitIndex: j.int(j.field(st, 'unitStrindex'), `${path}.sampleType.unitStrindex`),
    timeNanos: j.int(j.field(obj, 'timeUnixNano'), `${path}.timeUnixNano`),
    durationNanos: j.int(j.field(obj, 'durationNano'), `${path}.durationNano`),
    attrs,
    samples: () => new JsonSampleCursor(samples, `${path}.samples`),
  };
}

class JsonSampleCursor implements SampleCursor {
  stack = 0;
  readonly attrs: number[] = [];
  value = 0;
  readonly offset = undefined;
  private index = -1;

  constructor(
    private readonly samples: unknown[],
    private readonly path: string,
  ) {}

  where(): string {
    return `${this.path}[${this.index}]`;
  }

  next(): boolean {
    if (++this.index >= this.samples.length) return false;
    const p = this.where();
    const obj = j.object(this.samples[this.index], p) ?? {};
    for (const key of ['locationsStartIndex', 'locationsLength', 'value']) {
      if (j.field(obj, key) !== undefined) throw oldLayout(`${p} has "${key}"`);
    }
    this.stack = j.int(j.field(obj, 'stackIndex'), `${p}.stackIndex`);
    this.attrs.length = 0;
    j.ints(j.field(obj, 'attributeIndices'), `${p}.attributeIndices`, this.attrs);
    const values = j.array(j.field(obj, 'values'), `${p}.values`);
    const timestamps = j.array(j.field(obj, 'timestampsUnixNano'), `${p}.timestampsUnixNano`);
    let sum = 0;
    values.forEach((v, i) => (sum += j.int(v, `${p}.values[${i}]`)));
    this.value = values.length > 0 ? sum : timestamps.length;
    return true;
  }
}
