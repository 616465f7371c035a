import { ProfileBuilder } from '../builder';
import { ImportError } from '../errors';
import type { Profile } from '../model';
import type { ProfileSource } from '../source';
import { SNIFF_BYTES, type ImportOptions, type Importer } from './importer';
import { PerfSampleReader } from './perf/sample-reader';
import { parseHeader } from './perf/header';
import { symbolStart } from './perf/frame-line';
import { headLines } from './text-stack/folded';
import { decodeBytes, forEachLineEither } from '../text/byte-lines';

/**
 * Linux `perf script` text (docs/formats.md §3): a header line per sample, then its callchain
 * leaf first, one frame per line (optionally each followed by a `-F +srcline` line), then a
 * blank line. Each event becomes its own value type; the first event seen is the default.
 */
export const perfScriptImporter: Importer = {
  format: 'perf-script',

  detectName(fileName) {
    const name = fileName.toLowerCase();
    if (
      /(^|[.\-_])perf([.\-_].*)?\.txt$|\.perf$|\.perf-script$|perf\.script|perf\.data\.txt/.test(
        name,
      )
    ) {
      return true;
    }
    if (/\.(json|pb|pb\.gz|prof|pprof|gz|folded|collapsed)$/.test(name)) return false;
    return undefined;
  },

  detectContent(head, headText) {
    const lines = headLines(head, headText, SNIFF_BYTES);
    if (lines.some((l) => /^# (captured on|perf version)\b/.test(l))) return true;
    let headers = 0;
    for (let i = 0; i < lines.length; i++) {
      if (lines[i].startsWith('#')) continue;
      const header = parseHeader(lines[i]);
      if (!header) continue;
      headers++;
      const next = lines[i + 1];
      if (symbolStart(header.rest, 0) >= 0) return true;
      if (next !== undefined && /^\s/.test(next) && symbolStart(next, 0) >= 0) return true;
    }
    const content = lines.filter((l) => !l.startsWith('#'));
    return headers === 0 && content.length > 0 ? false : undefined;
  },

  async importProfile(source: ProfileSource, options: ImportOptions): Promise<Profile | null> {
    const builder = new ProfileBuilder({
      format: 'perf-script',
      name: source.name,
      tool: 'perf',
      valueTypes: [],
      keepTimeline: true,
    });
    const reader = new PerfSampleReader(builder);
    let perfComments = false;
    let firstContentLine: number | undefined;
    const comment = (line: string): void => {
      if (/^# (========|captured on|perf version)/.test(line)) perfComments = true;
    };
    await forEachLineEither(
      source,
      options,
      (bytes, start, end, lineNo) => {
        if (start < end && bytes[start] === 35 /* # */) {
          comment(decodeBytes(bytes, start, end));
          return;
        }
        if (firstContentLine === undefined && decodeBytes(bytes, start, end).trim() !== '') {
          firstContentLine = lineNo;
        }
        reader.lineBytes(bytes, start, end, lineNo);
      },
      (line, lineNo) => {
        if (line.charCodeAt(0) === 35 /* # */) {
          comment(line);
          return;
        }
        if (firstContentLine === undefined && line.trim() !== '') firstContentLine = lineNo;
        reader.line(line, lineNo);
      },
    );
    reader.end();
    if (reader.samples === 0) {
      if (!perfComments && perfScriptImporter.detectName(source.name) !== true) return null;
      throw new ImportError(
        'perf-script',
        'no sample header line ("comm pid [cpu] time: period event:") was found',
        { line: firstContentLine },
      );
    }
    reader.finishTiming();
    return builder.build();
  },
};
