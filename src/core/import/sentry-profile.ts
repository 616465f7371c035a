import { ImportError } from '../errors';
import type { Profile } from '../model';
import { readAll, sniffEncoding, type ProfileSource } from '../source';
import type { Importer, ImportOptions } from './importer';
import { sentryError, type Json } from './sentry-profile/common';
import { buildFlamegraphProfile } from './sentry-profile/flamegraph';
import { buildSampleProfile } from './sentry-profile/sample-format';

// Sentry Profiling's JSON (see docs/formats.md "Sentry profiles"): a transaction profile in the
// sample format v1 (`profile` envelope item, or a profile saved from Sentry), a continuous
// profiling chunk v2 (`profile_chunk`), or the organization flamegraph response (vroom's
// speedscope-like output). The flamegraph looks like speedscope JSON (`profiles` + `shared`),
// so this importer is registered before speedscope and claims only JSON with keys that
// speedscope files never have.

/** Keys of the sample format (v1/v2) and of vroom's speedscope output. */
const SAMPLE_KEYS =
  /"(elapsed_since_start_ns|thread_metadata|stack_id|profiler_id|chunk_id|active_thread_id|in_app|abs_path)"\s*:/;
const FLAMEGRAPH_KEYS =
  /"(is_application|sample_durations_ns|sample_counts|samples_profiles|samples_examples)"\s*:/;
const SPEEDSCOPE_SCHEMA = /"\$schema"\s*:\s*"[^"]*speedscope/;

export const sentryProfileImporter: Importer = {
  format: 'sentry',

  detectName() {
    return undefined;
  },

  detectContent(_head, headText) {
    const text = headText.trimStart();
    if (!text.startsWith('{') || SPEEDSCOPE_SCHEMA.test(text)) return false;
    return SAMPLE_KEYS.test(text) || FLAMEGRAPH_KEYS.test(text);
  },

  async importProfile(source, options) {
    const text = await readText(source, options);
    if (text === null) return null;
    const head = text.slice(0, 64 * 1024);
    if (!sentryProfileImporter.detectContent(Buffer.alloc(0), head)) return null;
    return buildProfile(parse(text), source.name, options.signal);
  },
};

async function readText(source: ProfileSource, options: ImportOptions): Promise<string | null> {
  const bytes = await readAll(source, options.signal, (read) =>
    options.onProgress?.(read, source.size),
  );
  if (bytes.length === 0) return null;
  const { encoding, bomLength } = sniffEncoding(bytes);
  if (encoding !== 'utf-8') return null;
  try {
    return bytes.toString('utf8', bomLength);
  } catch (err) {
    // V8 strings stop at ~512 MB (2^29 characters); JSON.parse needs the text as one string.
    const message = err instanceof Error ? err.message : String(err);
    throw sentryError(`the file is too large to parse as one JSON text (${message})`);
  }
}

function parse(text: string): Json {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const at = /position (\d+)/.exec(message);
    throw new ImportError(
      'sentry',
      `the profile is not valid JSON (${message}); was the download or the save cut short? ` +
        'Fetch or export it again.',
      at ? { offset: Number(at[1]) } : undefined,
    );
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw sentryError('the file is not a JSON object');
  }
  return json as Json;
}

async function buildProfile(
  json: Json,
  name: string,
  signal: AbortSignal | undefined,
): Promise<Profile> {
  const shared = json.shared as Json | undefined;
  if (Array.isArray(json.profiles) && Array.isArray(shared?.frames)) {
    return buildFlamegraphProfile(json, name);
  }
  const version = json.version;
  const profile = json.profile;
  if (typeof profile === 'object' && profile !== null && !Array.isArray(profile)) {
    if (version === '1' || version === '2') return buildSampleProfile(json, name, signal);
    throw sentryError(
      version === undefined
        ? 'the profile has no "version": it is a legacy or mobile (Android, iOS) profile, which is not read. ' +
            'Only the sample format v1 (transaction profiles) and v2 (profile chunks) of the Python and Node SDKs are.'
        : `the profile has version ${JSON.stringify(version)}; only the sample format "1" (transaction ` +
            'profiles) and "2" (profile chunks) are read. Update Hotspot Lens, or export the profile from a newer SDK.',
    );
  }
  throw sentryError(
    'the JSON is neither a Sentry profile (no `profile` object with frames, stacks and samples) ' +
      'nor a flamegraph response (no `profiles` and `shared.frames`). Save the profile item or ' +
      'the flamegraph response itself.',
  );
}
