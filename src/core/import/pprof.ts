import { ImportError } from '../errors';
import { readAll } from '../source';
import { SNIFF_BYTES, type Importer } from './importer';
import { gunzipSource } from './pprof/gunzip';
import { sniffOtlp } from './otlp/otlp-sniff';
import { decodePprof } from './pprof/pprof-decoder';
import { isGzip, peekGunzip, sniffProfile } from './pprof/sniff';

const NAME = /\.(pb|pprof|prof)(\.gz)?$/i;

/**
 * pprof (perftools.profiles.Profile protobuf, usually gzip'd): Go, Parca, Pyroscope, DataDog,
 * Node and .NET profilers. Decoded by our own streaming reader (pprof/protobuf-reader.ts).
 */
export const pprofImporter: Importer = {
  format: 'pprof',

  detectName(fileName) {
    return NAME.test(fileName) ? true : undefined;
  },

  detectContent(head) {
    if (isGzip(head)) {
      // Gzip'd anything is possible (a .txt.gz); only say yes when the inside is a Profile.
      const inner = peekGunzip(head);
      if (inner !== undefined && sniffOtlp(inner) !== 'no') return undefined;
      return inner !== undefined && sniffProfile(inner) !== 'no' ? true : undefined;
    }
    // An OTLP request is valid pprof wire data too (fields 1 and 2); leave it to the OTLP reader.
    if (sniffOtlp(head) !== 'no') return undefined;
    const sniff = sniffProfile(head);
    if (sniff === 'yes') return true;
    // A field that runs past the window is normal for a large file, suspicious for a small one.
    if (sniff === 'cut') return head.length >= SNIFF_BYTES ? true : undefined;
    return false;
  },

  async importProfile(source, options) {
    const head = await source.head(SNIFF_BYTES);
    if (head.length === 0) throw new ImportError('pprof', 'the file is empty');
    const gzip = isGzip(head);
    if (!gzip) {
      const sniff = sniffProfile(head);
      if (sniff === 'no') return null;
      if (sniff === 'cut' && head.length < SNIFF_BYTES && !NAME.test(source.name)) return null;
    }
    const progress = (read: number): void => options.onProgress?.(read, source.size);
    const bytes = gzip
      ? await gunzipSource(source, options.signal, progress)
      : await readAll(source, options.signal, progress);
    if (bytes.length === 0) throw new ImportError('pprof', 'the gzip data holds no profile');
    if (gzip && sniffProfile(bytes.subarray(0, SNIFF_BYTES)) === 'no') {
      throw new ImportError('pprof', 'the gzip data does not hold a pprof profile', { offset: 0 });
    }
    return decodePprof(bytes, source.name, options.signal);
  },
};
