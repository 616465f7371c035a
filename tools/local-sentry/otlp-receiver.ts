// A tiny OTLP/HTTP receiver for the profiles signal, so an OpenTelemetry profiler or Collector
// (otlphttp exporter) can push to the demo: `POST /v1development/profiles` with an
// ExportProfilesServiceRequest as `application/x-protobuf` or `application/json`, optionally
// gzip'd. Each request is saved uncompressed as `NNNNN.otlp.pb` / `NNNNN.otlp.json`, which
// Hotspot Lens opens like any profile file. Responses follow the OTLP/HTTP specification
// (https://opentelemetry.io/docs/specs/otlp/#otlphttp): 200 with an empty ExportProfilesServiceResponse
// in the request's encoding, 400 with a google.rpc.Status for a body that is not a request,
// 415 for other content types. The check here is deliberately shallow and independent of the
// extension's importer: top-level fields 1 (resource_profiles) and 2 (dictionary) only.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeBody } from './envelope';
import type { Reply } from './http-util';

export const OTLP_PROFILES_PATH = '/v1development/profiles';

const INVALID_ARGUMENT = 3; // google.rpc.Code

/** Last file number per directory (continues after files of earlier runs). */
const lastSeq = new Map<string, number>();

export function receiveOtlpProfiles(
  headers: Record<string, string | string[] | undefined>,
  raw: Buffer,
  dir: string | undefined,
): Reply {
  const type = String(headers['content-type'] ?? '')
    .split(';')[0]
    .trim()
    .toLowerCase();
  const json = type === 'application/json';
  if (!json && type !== 'application/x-protobuf') {
    return {
      status: 415,
      headers: { 'Content-Type': 'text/plain' },
      body: undefined,
      raw: Buffer.from(
        `unsupported Content-Type ${JSON.stringify(type)}: send application/x-protobuf or application/json`,
      ),
    };
  }
  const fail = (message: string): Reply => status(json, message);
  let body: Buffer;
  try {
    body = decodeBody(raw, headers['content-encoding'] as string | undefined);
  } catch (err) {
    return fail(`the body could not be decompressed: ${(err as Error).message}`);
  }
  const problem = json ? checkJson(body) : checkProtobuf(body);
  if (problem) return fail(problem);
  if (dir) {
    mkdirSync(dir, { recursive: true });
    const seq = (lastSeq.get(dir) ?? readdirSync(dir).length) + 1;
    lastSeq.set(dir, seq);
    const name = `${String(seq).padStart(5, '0')}.otlp.${json ? 'json' : 'pb'}`;
    writeFileSync(join(dir, name), body);
    console.log(`local-sentry: OTLP profiles request saved as ${join(dir, name)}`);
  }
  // ExportProfilesServiceResponse with no partial_success: {} in JSON, zero bytes in protobuf.
  return json
    ? { status: 200, body: {} }
    : {
        status: 200,
        headers: { 'Content-Type': 'application/x-protobuf' },
        body: undefined,
        raw: Buffer.alloc(0),
      };
}

/** google.rpc.Status {code = 1, message = 2} in the request's encoding. */
function status(json: boolean, message: string): Reply {
  if (json) return { status: 400, body: { code: INVALID_ARGUMENT, message } };
  const text = Buffer.from(message);
  const raw = Buffer.concat([
    Buffer.from([0x08, INVALID_ARGUMENT, 0x12]),
    varint(text.length),
    text,
  ]);
  return {
    status: 400,
    headers: { 'Content-Type': 'application/x-protobuf' },
    body: undefined,
    raw,
  };
}

function varint(n: number): Buffer {
  const out: number[] = [];
  while (n >= 0x80) {
    out.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  out.push(n);
  return Buffer.from(out);
}

function checkJson(body: Buffer): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch (err) {
    return `the body is not JSON: ${(err as Error).message}`;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return 'the body is not an ExportProfilesServiceRequest object';
  }
  const rp = (parsed as Record<string, unknown>).resourceProfiles;
  if (rp !== undefined && !Array.isArray(rp)) return '"resourceProfiles" is not an array';
  return undefined;
}

/** Top-level fields 1 and 2, length-delimited, each within the body. */
function checkProtobuf(body: Buffer): string | undefined {
  let pos = 0;
  const read = (): number => {
    let n = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      if (pos >= body.length) throw new Error('truncated varint');
      const b = body[pos++];
      n += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) return n;
    }
    throw new Error('varint too long');
  };
  try {
    while (pos < body.length) {
      const at = pos;
      const tag = read();
      if (tag !== 0x0a && tag !== 0x12) {
        return `byte ${at}: field ${Math.floor(tag / 8)} (wire type ${tag & 7}) is not a field of ExportProfilesServiceRequest`;
      }
      const len = read();
      if (pos + len > body.length)
        return `byte ${at}: a field runs past the end of the body (truncated?)`;
      pos += len;
    }
  } catch (err) {
    return `byte ${pos}: ${(err as Error).message}`;
  }
  return undefined;
}
