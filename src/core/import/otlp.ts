import { ImportError } from '../errors';
import { readAll, sniffEncoding } from '../source';
import { SNIFF_BYTES, type Importer } from './importer';
import { buildOtlpProfile } from './otlp/otlp-decoder';
import { readJsonRequest } from './otlp/otlp-json';
import { readProtoRequest } from './otlp/otlp-proto';
import { sniffOtlp, sniffOtlpJson } from './otlp/otlp-sniff';
import { gunzipLimit, gunzipSource } from './pprof/gunzip';
import { isGzip, peekGunzip } from './pprof/sniff';

const NAME = /\.otlp(\.(pb|binpb|json))?(\.gz)?$/i;

/**
 * OTLP profiles (OpenTelemetry profiles signal, `ExportProfilesServiceRequest` of
 * profiles/v1development): protobuf as sent in OTLP/HTTP bodies (optionally gzip'd) or OTLP
 * JSON. What the OpenTelemetry eBPF profiler and the Collector export. Older layouts are refused
 * with a message naming them (otlp/otlp-layout.ts).
 */
export const otlpImporter: Importer = {
  format: 'otlp',

  detectName(fileName) {
    return NAME.test(fileName) ? true : undefined;
  },

  detectContent(head, headText) {
    if (isGzip(head)) {
      const inner = peekGunzip(head);
      if (inner === undefined) return undefined;
      return looksLikeOtlp(inner, inner.length >= SNIFF_BYTES) ? true : undefined;
    }
    const json = sniffOtlpJson(headText);
    if (json !== false) return json;
    const sniff = sniffOtlp(head);
    if (sniff === 'yes') return true;
    // A field running past the window is normal for a large file, suspicious for a small one.
    if (sniff === 'cut') return head.length >= SNIFF_BYTES ? true : undefined;
    return false;
  },

  async importProfile(source, options) {
    const head = await source.head(SNIFF_BYTES);
    if (head.length === 0) throw new ImportError('otlp', 'the file is empty');
    const gzip = isGzip(head);
    // Gzip'd: judge by the start of the inflated data, before inflating all of it.
    const start = gzip ? peekGunzip(head) : head;
    const window = gzip || head.length >= SNIFF_BYTES || NAME.test(source.name);
    if (start === undefined || !looksLikeOtlp(start, window)) return null;
    const progress = (read: number): void => options.onProgress?.(read, source.size);
    const bytes = gzip
      ? await gunzipSource(source, options.signal, progress, gunzipLimit(source.size), 'otlp')
      : await readAll(source, options.signal, progress);
    if (bytes.length === 0) throw new ImportError('otlp', 'the gzip data holds no request');
    const request = isJsonText(bytes) ? readJsonRequest(parseJson(bytes)) : readProtoRequest(bytes);
    if (request === null) return null;
    return buildOtlpProfile(request, source.name, options.signal);
  },
};

/** `cutIsYes`: a field running past the bytes counts (a window, or a name that says OTLP). */
function looksLikeOtlp(bytes: Uint8Array, cutIsYes: boolean): boolean {
  if (isJsonText(bytes))
    return sniffOtlpJson(new TextDecoder().decode(bytes.subarray(0, SNIFF_BYTES))) === true;
  const sniff = sniffOtlp(bytes);
  return sniff === 'yes' || (sniff === 'cut' && cutIsYes);
}

function isJsonText(bytes: Uint8Array): boolean {
  const { encoding, bomLength } = sniffEncoding(bytes);
  if (encoding !== 'utf-8') return false;
  for (let i = bomLength; i < bytes.length && i < 4096; i++) {
    const b = bytes[i];
    if (b === 0x7b) return true; // {
    if (b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09) return false;
  }
  return false;
}

function parseJson(bytes: Uint8Array): unknown {
  let text: string;
  try {
    text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  } catch (err) {
    // V8 strings stop at ~512 MB (2^29 characters); JSON.parse needs the text as one string.
    const message = err instanceof Error ? err.message : String(err);
    throw new ImportError('otlp', `the file is too large to parse as one JSON text (${message})`);
  }
  try {
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const at = /position (\d+)/.exec(message);
    throw new ImportError(
      'otlp',
      `the OTLP JSON is not valid JSON (${message}). Check that the file is complete.`,
      at ? { offset: Number(at[1]) } : undefined,
    );
  }
}
