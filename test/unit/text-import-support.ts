import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'fs';
import { dirname, join } from 'path';
import { toCollapsed } from '../../src/core/collapsed-writer';
import { ImportCancelled } from '../../src/core/errors';
import { importProfile } from '../../src/core/import/index';
import type { Frame, Profile } from '../../src/core/model';
import { fileSource, type ProfileSource } from '../../src/core/source';

// Shared by the text importer tests (collapsed, py-spy raw, perf script, line reader): fixture
// paths, the independent reader's numbers in EXPECTED.json, golden collapsed dumps, and a source
// that cuts its input into tiny chunks.

export const PROFILES = join(__dirname, '../../../test/fixtures/profiles');
const EXPECTED_DIR = join(__dirname, '../../../test/fixtures/expected');

/** The fixture files of a folder (relative paths), without inferno's expected outputs. */
export function fixturesIn(folder: string): string[] {
  return readdirSync(join(PROFILES, folder))
    .filter((f) => f.endsWith('.txt') && !f.includes('.expected-collapsed'))
    .sort()
    .map((f) => `${folder}/${f}`);
}

/** A fixture imported from its file, sniffed like any profile. */
export async function loadFixture(rel: string): Promise<Profile> {
  return importProfile(await fileSource(join(PROFILES, rel)));
}

type Summary = Record<string, unknown>;
let expected: Record<string, { summary: Summary }> | undefined;

/** The independent reader's summary for a fixture (see test/fixtures/profiles/README.md). */
export function expectedSummary(rel: string): Summary {
  expected ??= JSON.parse(readFileSync(join(PROFILES, 'EXPECTED.json'), 'utf8'));
  const entry = expected![rel];
  assert.ok(entry, `${rel} is missing from EXPECTED.json`);
  return entry.summary;
}

/** Frames that stand for "no frames" (empty stacks); they are not in the file. */
export function isSynthetic(frame: Frame): boolean {
  return frame.kind === 'other';
}

/** Self weight of the default value summed per label (a frame may occur in several nodes). */
export function selfBy(profile: Profile, label: (f: Frame) => string): Map<string, number> {
  const out = new Map<string, number>();
  const self = profile.nodeSelf[profile.defaultValue];
  for (let n = 1; n < profile.nodeCount; n++) {
    const key = label(profile.frames[profile.nodeFrame[n]]);
    out.set(key, (out.get(key) ?? 0) + self[n]);
  }
  return out;
}

export function assertClose(actual: number | undefined, wanted: number, what: string): void {
  assert.ok(
    actual !== undefined && Math.abs(actual - wanted) <= 1e-9 * Math.max(1, Math.abs(wanted)),
    `${what}: got ${actual}, expected ${wanted}`,
  );
}

/**
 * Compares the profile's collapsed dump with test/fixtures/expected/<rel>.collapsed.txt. Like
 * inferno's tests, a missing golden file is written out but the test fails so it gets reviewed.
 */
export function checkGolden(rel: string, profile: Profile): void {
  const file = join(EXPECTED_DIR, `${rel}.collapsed.txt`);
  const actual = toCollapsed(profile);
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, actual);
    assert.fail(`wrote missing golden ${file}; review it and commit it`);
  }
  assert.equal(actual, readFileSync(file, 'utf8'), `golden ${rel}.collapsed.txt`);
}

/**
 * A source that hands out `chunkSize`-byte chunks, to put chunk boundaries inside lines and
 * characters. It ignores the signal on purpose: the reader must check it itself.
 */
export function chunkedSource(name: string, bytes: Uint8Array, chunkSize: number): ProfileSource {
  return {
    name,
    size: bytes.length,
    async head(n) {
      return bytes.subarray(0, n);
    },
    async *chunks() {
      for (let i = 0; i < bytes.length; i += chunkSize) {
        yield bytes.subarray(i, i + chunkSize);
      }
    },
  };
}

/**
 * Imports a fixture in `chunkSize`-byte chunks and aborts at the first progress report; the
 * import must reject with ImportCancelled. Returns how many progress reports arrived.
 */
export async function importAbortedAtFirstProgress(rel: string, chunkSize: number) {
  const controller = new AbortController();
  let progress = 0;
  await assert.rejects(
    importProfile(chunkedSource(rel, readFileSync(join(PROFILES, rel)), chunkSize), {
      signal: controller.signal,
      onProgress: () => {
        progress++;
        controller.abort();
      },
    }),
    ImportCancelled,
  );
  return progress;
}

/** Frames of every sample, leaf first, from the timeline (all these fixtures have times). */
export function sampleStacks(profile: Profile): Frame[][] {
  assert.ok(profile.timeline, 'timeline');
  return [...profile.timeline.node].map((leaf) => {
    const frames: Frame[] = [];
    for (let n = leaf; n > 0; n = profile.nodeParent[n])
      frames.push(profile.frames[profile.nodeFrame[n]]);
    return frames;
  });
}
