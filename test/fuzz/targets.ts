// What the fuzzer calls: each importer directly, and importProfile (the sniffer in front of
// them). The property: a Profile that keeps the invariants, null (direct calls only: "not mine")
// or an ImportError; any other exception is a crash.
import { ImportError } from '../../src/core/errors';
import { chrometraceImporter } from '../../src/core/import/chrometrace';
import { collapsedImporter } from '../../src/core/import/collapsed';
import { importProfile } from '../../src/core/import/index';
import type { Importer } from '../../src/core/import/importer';
import { otlpImporter } from '../../src/core/import/otlp';
import { perfScriptImporter } from '../../src/core/import/perf-script';
import { pprofImporter } from '../../src/core/import/pprof';
import { pySpyRawImporter } from '../../src/core/import/py-spy-raw';
import { sentryProfileImporter } from '../../src/core/import/sentry-profile';
import { speedscopeImporter } from '../../src/core/import/speedscope';
import type { Profile } from '../../src/core/model';
import { bytesSource } from '../../src/core/source';
import { checkProfile } from './invariants';

export type Outcome = 'profile' | 'null' | 'importError';

export interface Target {
  readonly name: string;
  /** Seeds (paths relative to test/fixtures) the target is fed most. */
  readonly prefers: (path: string) => boolean;
  readonly run: (name: string, bytes: Buffer) => Promise<Profile | null>;
}

function direct(importer: Importer, prefers: RegExp): Target {
  return {
    name: importer.format,
    prefers: (path) => prefers.test(path),
    run: (name, bytes) => importer.importProfile(bytesSource(name, bytes), {}),
  };
}

export const targets: readonly Target[] = [
  direct(collapsedImporter, /profiles\/collapsed\/|regressions\/collapsed/),
  direct(pySpyRawImporter, /\.raw\.txt$|regressions\/pyspy-raw/),
  direct(perfScriptImporter, /profiles\/perf-(script|own)\/.*\.txt$|regressions\/perf-script/),
  direct(speedscopeImporter, /\.json$|regressions\/speedscope/),
  direct(pprofImporter, /\.(pb\.gz|pprof|prof)$|regressions\/pprof/),
  direct(chrometraceImporter, /\.chrometrace\.json$|regressions\/chrometrace/),
  direct(otlpImporter, /profiles\/otlp\/.*\.(pb|pb\.gz|json)$|regressions\/otlp/),
  direct(sentryProfileImporter, /profiles\/sentry\/.*\.json$|regressions\/sentry/),
  {
    name: 'importProfile',
    prefers: (path) => path.startsWith('profiles/') && !/\/src\/|\.md$/.test(path),
    run: (name, bytes) => importProfile(bytesSource(name, bytes)),
  },
];

/** Runs one input and classifies it; throws (a crash) on anything the property forbids. */
export async function runCase(target: Target, name: string, bytes: Buffer): Promise<Outcome> {
  let profile: Profile | null;
  try {
    profile = await target.run(name, bytes);
  } catch (err) {
    if (err instanceof ImportError) {
      if (!err.message) throw new Error('ImportError without a message');
      return 'importError';
    }
    throw err;
  }
  if (profile === null) {
    if (target.name === 'importProfile') throw new Error('importProfile returned null');
    return 'null';
  }
  checkProfile(profile);
  return 'profile';
}
