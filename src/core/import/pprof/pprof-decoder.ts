import { ProfileBuilder } from '../../builder';
import { ImportError, throwIfAborted } from '../../errors';
import type { Profile, ValueType } from '../../model';
import { LocationFrames } from './pprof-frames';
import { SampleDecoder } from './pprof-samples';
import { readTables, stringAt, type PprofTables } from './pprof-tables';
import { ThreadLabels } from './thread-labels';

/** Samples decoded between two checks of the AbortSignal (and two event-loop turns). */
const BATCH = 1 << 16;

/** Decodes an uncompressed perftools.profiles.Profile into a Profile. */
export async function decodePprof(
  bytes: Uint8Array,
  name: string,
  signal?: AbortSignal,
): Promise<Profile> {
  const t = readTables(bytes);
  throwIfAborted(signal);
  // Without one a Profile has no value to show (found by the fuzzer: 2 bytes `38 00` decode as
  // a Profile that only sets time_nanos).
  if (t.sampleTypes.length === 0) {
    throw new ImportError('pprof', 'the profile declares no sample_type, so it holds no values', {
      offset: 0,
    });
  }
  const valueTypes: ValueType[] = t.sampleTypes.map((v) => ({
    type: stringAt(t, v.type) ?? '',
    unit: stringAt(t, v.unit) ?? '',
  }));
  const builder = new ProfileBuilder({
    format: 'pprof',
    name,
    valueTypes,
    defaultValue: defaultValue(t, valueTypes),
  });
  const frames = new LocationFrames(t, builder);
  const threads = new ThreadLabels(t, frames, builder);
  const samples = new SampleDecoder(t, frames, threads, builder);
  while (samples.step(BATCH)) {
    throwIfAborted(signal);
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  throwIfAborted(signal);
  builder.countSamples(samples.samples);
  builder.setTiming(t.timeNanos || undefined, t.durationNanos || undefined);
  return builder.build();
}

/**
 * `default_sample_type` names the preferred value type; when it is unset (Go heap profiles)
 * profile.proto says clients should default to the last sample type.
 */
function defaultValue(t: PprofTables, valueTypes: ValueType[]): number {
  const last = Math.max(0, valueTypes.length - 1);
  if (t.defaultSampleType === 0) return last;
  const wanted = stringAt(t, t.defaultSampleType);
  const index = valueTypes.findIndex((v) => v.type === wanted);
  return index >= 0 ? index : last;
}
