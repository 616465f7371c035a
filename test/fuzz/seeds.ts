// The fuzz corpus: every file under test/fixtures/profiles (and the regression inputs found by
// earlier runs), read once. Targets prefer the fixtures of their own format but see all of them.
import { readdirSync, readFileSync, statSync } from 'fs';
import { join, relative } from 'path';

export const FIXTURES = join(__dirname, '..', '..', '..', 'test', 'fixtures');

export interface Seed {
  /** Path relative to test/fixtures, e.g. `profiles/pprof/parca-fib.pb.gz`. */
  readonly path: string;
  readonly name: string;
  readonly bytes: Buffer;
}

function walk(dir: string, out: string[]): void {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return; // test/fixtures/regressions may not exist yet
  }
  for (const entry of entries.sort()) {
    const full = join(dir, entry);
    if (statSync(full).isDirectory()) walk(full, out);
    else out.push(full);
  }
}

export function loadSeeds(): Seed[] {
  const files: string[] = [];
  walk(join(FIXTURES, 'profiles'), files);
  walk(join(FIXTURES, 'regressions'), files);
  return files.map((file) => ({
    path: relative(FIXTURES, file),
    name: file.split('/').pop() ?? file,
    bytes: readFileSync(file),
  }));
}
