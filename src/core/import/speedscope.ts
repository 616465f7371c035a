import { ProfileBuilder } from '../builder';
import { ImportError } from '../errors';
import type { Profile } from '../model';
import { readAll, sniffEncoding, type ProfileSource } from '../source';
import type { Importer, ImportOptions } from './importer';
import { pause, type ProfileContext } from './speedscope/context';
import { addEvented } from './speedscope/evented';
import { FrameTable, nanosPerUnit, threadInfo, valueTypeOf } from './speedscope/frames';
import { addSampled } from './speedscope/sampled';
import { TimelineCollector } from './speedscope/timeline';

const SCHEMA = /"\$schema"\s*:\s*"[^"]*speedscope/;

/**
 * speedscope's JSON format (docs/formats.md §2), as written by py-spy, speedscope itself and
 * other exporters. Every profile in the file becomes a thread of one Profile; profiles with
 * different units get different value types. The whole text goes through JSON.parse (72 MB/s
 * on a 124 MB py-spy file, docs/formats.md §2); the build step then walks the parsed arrays without allocating.
 */
export const speedscopeImporter: Importer = {
  format: 'speedscope',

  detectName(fileName) {
    return /\.speedscope\.json$/i.test(fileName) ? true : undefined;
  },

  detectContent(_head, headText) {
    const text = headText.trimStart();
    if (!text.startsWith('{')) return false;
    // py-spy writes `profiles` first and `shared` at the very end, so `$schema` is the key test.
    if (SCHEMA.test(text)) return true;
    return /"profiles"\s*:/.test(text) && /"shared"\s*:/.test(text) ? true : undefined;
  },

  async importProfile(source, options) {
    const json = parseJson(await readText(source, options), source.name);
    if (json === null) return null;
    return buildProfile(json, source.name, options.signal);
  },
};

async function readText(source: ProfileSource, options: ImportOptions): Promise<string> {
  const bytes = await readAll(source, options.signal, (read) =>
    options.onProgress?.(read, source.size),
  );
  if (bytes.length === 0) throw new ImportError('speedscope', 'the file is empty');
  const { encoding, bomLength } = sniffEncoding(bytes);
  try {
    if (encoding === 'utf-8') return bytes.toString('utf8', bomLength);
    const body = Buffer.from(bytes.subarray(bomLength, bytes.length & ~1));
    if (encoding === 'utf-16be') body.swap16();
    return body.toString('utf16le');
  } catch (err) {
    // V8 strings stop at ~512 MB (2^29 characters); JSON.parse needs the text as one string.
    const message = err instanceof Error ? err.message : String(err);
    throw new ImportError(
      'speedscope',
      `the file is too large to parse as one JSON text (${message})`,
    );
  }
}

/** The parsed file if it is speedscope JSON, null if it is something else. */
function parseJson(text: string, name: string): Record<string, unknown> | null {
  const mine = SCHEMA.test(text.slice(0, 4096)) || /\.speedscope\.json$/i.test(name);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    if (!mine) return null;
    const message = err instanceof Error ? err.message : String(err);
    const at = /position (\d+)/.exec(message);
    throw new ImportError('speedscope', `invalid JSON (${message})`, {
      offset: at ? Number(at[1]) : undefined,
    });
  }
  const file = json as { profiles?: unknown; shared?: { frames?: unknown } } | null;
  if (typeof file !== 'object' || file === null || Array.isArray(file)) return null;
  if (!Array.isArray(file.profiles) || !Array.isArray(file.shared?.frames)) {
    if (!mine) return null;
    throw new ImportError('speedscope', 'the file has no `profiles` array or no `shared.frames`');
  }
  return json as Record<string, unknown>;
}

async function buildProfile(
  json: Record<string, unknown>,
  name: string,
  signal: AbortSignal | undefined,
): Promise<Profile> {
  const profiles = json.profiles as unknown[];
  if (profiles.length === 0) throw new ImportError('speedscope', 'the file holds no profiles');
  const exporter = typeof json.exporter === 'string' ? json.exporter : undefined;
  const pySpy = exporter?.startsWith('py-spy') ?? false;
  const builder = new ProfileBuilder({
    format: 'speedscope',
    name,
    tool: exporter,
    valueTypes: [],
    keepTimeline: true,
  });
  const frames = new FrameTable((json.shared as { frames: unknown[] }).frames, builder, pySpy);
  const timeline = new TimelineCollector();
  const active = typeof json.activeProfileIndex === 'number' ? json.activeProfileIndex : 0;
  let duration: number | undefined;
  for (let index = 0; index < profiles.length; index++) {
    const p = (profiles[index] ?? {}) as Record<string, unknown>;
    const profileName = typeof p.name === 'string' ? p.name : `profile ${index}`;
    const unit = typeof p.unit === 'string' ? p.unit : 'none';
    const valueIndex = builder.addValueType(valueTypeOf(unit, pySpy));
    if (index === active) builder.setDefaultValue(valueIndex);
    const nanos = nanosPerUnit(unit);
    const startValue = typeof p.startValue === 'number' ? p.startValue : 0;
    if (nanos !== undefined && typeof p.endValue === 'number') {
      duration = Math.max(duration ?? 0, (p.endValue - startValue) * nanos);
    }
    const ctx: ProfileContext = {
      builder,
      frames,
      timeline,
      index,
      name: profileName,
      thread: builder.internThread(`${index}`, threadInfo(profileName)),
      valueIndex,
      nanos: nanos ?? 1,
      startValue,
      signal,
    };
    if (p.type === 'sampled') await addSampled(p, ctx);
    else if (p.type === 'evented') await addEvented(p, ctx);
    else {
      throw new ImportError(
        'speedscope',
        `profile ${index} has type ${JSON.stringify(p.type)}, not "sampled" or "evented"`,
      );
    }
    await pause(signal);
  }
  timeline.flush(builder);
  builder.setTiming(undefined, duration);
  return builder.build();
}
