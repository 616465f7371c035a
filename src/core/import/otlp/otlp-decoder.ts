import { ProfileBuilder } from '../../builder';
import { ImportError, throwIfAborted } from '../../errors';
import type { Profile, ValueType } from '../../model';
import { OtlpFrames } from './otlp-frames';
import type { OtlpRequest, SampleCursor } from './otlp-tables';
import { OtlpThreads } from './otlp-threads';

/** Samples added between two checks of the AbortSignal (and two event-loop turns). */
const BATCH = 1 << 16;

/**
 * Builds one Profile from every Profile of the request: each distinct sample type becomes a
 * value type (a Profile has one), each resource × thread a thread. The first Profile's type is
 * the default value, as profiles.proto says viewers should show resource_profiles[0]…profiles[0].
 */
export async function buildOtlpProfile(
  request: OtlpRequest,
  name: string,
  signal?: AbortSignal,
): Promise<Profile> {
  if (request.profiles.length === 0) {
    throw new ImportError(
      'otlp',
      'the request holds no Profile (no ResourceProfiles → ScopeProfiles → Profile), so there ' +
        'is nothing to show. Check that the exporter sent profiles, not an empty batch.',
    );
  }
  const s = request.dictionary.strings;
  const valueTypes: ValueType[] = [];
  const valueIndex = request.profiles.map((p) => {
    const type = { type: s.get(p.typeIndex), unit: s.get(p.unitIndex) };
    let i = valueTypes.findIndex((v) => v.type === type.type && v.unit === type.unit);
    if (i < 0) i = valueTypes.push(type) - 1;
    return i;
  });
  const builder = new ProfileBuilder({ format: 'otlp', name, valueTypes, defaultValue: 0 });
  const scope = request.scopes.find((sc) => sc.name);
  if (scope) builder.setTool(scope.version ? `${scope.name}@${scope.version}` : scope.name);
  builder.setAttributes(metadata(request));
  let cursor: SampleCursor | undefined;
  const broken = (reason: string): never => {
    const next = 'the request is inconsistent: re-export it, and report it to its producer';
    throw new ImportError('otlp', `${cursor?.where() ?? 'a sample'}: ${reason} (${next})`, {
      offset: cursor?.offset,
    });
  };
  const frames = new OtlpFrames(request.dictionary, builder, broken);
  const threads = new OtlpThreads(request, builder);
  const d = request.dictionary;
  const stackCount = d.stackStart.length - 1;
  let stack = new Int32Array(1024);
  let samples = 0;
  for (let p = 0; p < request.profiles.length; p++) {
    const profile = request.profiles[p];
    cursor = profile.samples();
    while (cursor.next()) {
      const st = cursor.stack;
      if (st >= stackCount && st !== 0) {
        broken(`it refers to stack ${st}, but stack_table has ${stackCount} entries`);
      }
      let depth = 0;
      if (st < stackCount) {
        for (let i = d.stackStart[st]; i < d.stackStart[st + 1]; i++) {
          const loc = d.stackLocs[i];
          if (loc >= frames.locationCount) {
            broken(
              `stack ${st} refers to location ${loc}, but location_table has ${frames.locationCount} entries`,
            );
          }
          frames.intern(loc);
          const count = frames.count[loc];
          if (depth + count > stack.length) {
            const grown = new Int32Array(Math.max(stack.length * 2, depth + count));
            grown.set(stack);
            stack = grown;
          }
          const start = frames.start[loc];
          for (let k = 0; k < count; k++) stack[depth++] = frames.pool[start + k];
        }
      }
      const thread = threads.thread(profile.resource, cursor.attrs);
      builder.addStack(stack, depth, true, cursor.value, { thread, valueIndex: valueIndex[p] });
      if (++samples % BATCH === 0) {
        throwIfAborted(signal);
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    }
  }
  throwIfAborted(signal);
  builder.countSamples(samples);
  const timed = request.profiles.filter((p) => p.timeNanos > 0);
  if (timed.length > 0) {
    const start = Math.min(...timed.map((p) => p.timeNanos));
    const end = Math.max(...timed.map((p) => p.timeNanos + p.durationNanos));
    builder.setTiming(start, end > start ? end - start : undefined);
  }
  return builder.build();
}

/**
 * Resource and scope attributes of every resource, one entry per key; values that differ
 * between resources are listed once each, in order (`service.name`: `report-api, order-server`).
 */
function metadata(request: OtlpRequest): Record<string, string> {
  const values = new Map<string, string[]>();
  const add = (key: string, value: string): void => {
    if (!value) return;
    const list = values.get(key) ?? [];
    if (!list.includes(value)) list.push(value);
    values.set(key, list);
  };
  for (const attrs of request.resources) for (const [k, v] of attrs) add(k, v);
  for (const scope of request.scopes) {
    add('otel.scope.name', scope.name);
    add('otel.scope.version', scope.version);
    for (const [k, v] of scope.attributes) add(k, v);
  }
  return Object.fromEntries([...values].map(([k, list]) => [k, list.join(', ')]));
}
