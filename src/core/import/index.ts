import { ImportError } from '../errors';
import type { Profile } from '../model';
import { decodeHead, fileSource, sniffEncoding, type ProfileSource } from '../source';
import { chrometraceImporter } from './chrometrace';
import { collapsedImporter } from './collapsed';
import type { ImportOptions, Importer } from './importer';
import { SNIFF_BYTES } from './importer';
import { otlpImporter } from './otlp';
import { perfScriptImporter } from './perf-script';
import { pprofImporter } from './pprof';
import { pySpyRawImporter } from './py-spy-raw';
import { sentryProfileImporter } from './sentry-profile';
import { speedscopeImporter } from './speedscope';

// py-spy raw comes before collapsed: it is collapsed text whose frames look like
// `func (file:line)`, and the more specific reader should win. OTLP comes before pprof: both
// are protobuf named `.pb`, and the OTLP sniffer is the stricter one (otlp/otlp-sniff.ts).
// Sentry comes before speedscope: its flamegraph response is speedscope-shaped JSON without a
// `$schema`, which speedscope would also accept (and lose `in_app` and the durations).
export const importers: readonly Importer[] = [
  otlpImporter,
  pprofImporter,
  sentryProfileImporter,
  speedscopeImporter,
  chrometraceImporter,
  perfScriptImporter,
  pySpyRawImporter,
  collapsedImporter,
];

/**
 * Orders importers by how sure they are: name says yes, then content says yes, then "not sure";
 * a "no" from either test drops the importer.
 */
export function rankImporters(fileName: string, head: Uint8Array): Importer[] {
  const headText = decodeHead(head);
  const binary = looksBinary(head);
  const scored: { importer: Importer; score: number }[] = [];
  for (const importer of importers) {
    const byContent = importer.detectContent(head, headText);
    if (byContent === false) continue;
    const byName = importer.detectName(fileName);
    // Binary data goes only to an importer that recognises it, or to pprof when the name says
    // so (to explain what is wrong with it): a text reader trying its luck would scan the whole
    // file (a 2 GB file of zeros) to say "not mine", or make a profile of the odd line.
    if (binary && byContent !== true && !(byName === true && importer.format === 'pprof')) continue;
    if (byName === false && byContent !== true) continue;
    const score = (byContent === true ? 2 : 0) + (byName === true ? 1 : 0);
    scored.push({ importer, score });
  }
  return scored.sort((a, b) => b.score - a.score).map((s) => s.importer);
}

/**
 * Imports any supported profile. Throws ImportError when no importer recognises the input, or
 * the one that did found it broken; never returns a half-read profile.
 */
export async function importProfile(
  source: ProfileSource,
  options: ImportOptions = {},
): Promise<Profile> {
  const head = await source.head(SNIFF_BYTES);
  if (head.length === 0) throw new ImportError('unknown', 'the file is empty');
  for (const importer of rankImporters(source.name, head)) {
    const profile = await importer.importProfile(source, options);
    if (profile) return profile;
  }
  if (looksBinary(head)) {
    throw new ImportError(
      'unknown',
      'the file holds binary data that is not a pprof profile or an OTLP profiles request ' +
        '(text profiles contain no zero ' +
        'bytes). Check that the file is a profile, or convert it to a supported format.',
      { offset: head.indexOf(0) },
    );
  }
  throw new ImportError(
    'unknown',
    'not a supported profile format (expected speedscope JSON, py-spy raw, collapsed/folded stacks, ' +
      '`perf script` output, pprof, OTLP profiles, Chrome trace events or Sentry profiles). Check that the file is a profile, or convert it to one of these.',
  );
}

/** A NUL byte in a head without a UTF-16 byte-order mark: no text profile has one. */
export function looksBinary(head: Uint8Array): boolean {
  return sniffEncoding(head).encoding === 'utf-8' && head.indexOf(0) !== -1;
}

export async function importProfileFile(
  path: string,
  options: ImportOptions = {},
): Promise<Profile> {
  return importProfile(await fileSource(path), options);
}
