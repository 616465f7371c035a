// The importers by way of a require at first use, so the extension bundle can ship them in a
// bundle of their own (dist/importers.js, scripts/build.mjs): they are about a third of the
// extension's code and are first needed when a profile is opened, not at activation (budget:
// 30 ms). For tsc, the tests and the CLI bundle this is the plain module.
import type * as Importers from './index';
import type { ImportOptions } from './importer';
import type { Profile } from '../model';

let loaded: typeof Importers | undefined;

function importers(): typeof Importers {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require('./index') as typeof Importers;
  return loaded;
}

export function importProfileFile(path: string, options?: ImportOptions): Promise<Profile> {
  return importers().importProfileFile(path, options);
}
