// Builders for the hostile profile files of the bad-input tests: a seeded PRNG, the fixture
// list, a sparse multi-GB file and a gzip bomb (cached in the temp folder: built once).
import { createWriteStream, existsSync, promises as fs, readdirSync, statSync } from 'fs';
import { tmpdir } from 'os';
import { join, relative } from 'path';
import { Readable } from 'stream';
import { pipeline } from 'stream/promises';
import { createGzip } from 'zlib';

export const PROFILES = join(__dirname, '../../../test/fixtures/profiles');

/** mulberry32: a small seeded generator so "random" offsets are the same on every run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

export function randomBytes(seed: number, length: number): Buffer {
  const next = prng(seed);
  const b = Buffer.alloc(length);
  for (let i = 0; i < length; i++) b[i] = Math.floor(next() * 256);
  return b;
}

/** Every profile fixture (relative paths): not the sources, README, EXPECTED or goldens. */
export function profileFixtures(dir = PROFILES): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const full = join(dir, entry);
    if (statSync(full).isDirectory()) {
      if (entry !== 'src') out.push(...profileFixtures(full));
    } else if (!/README\.md$|EXPECTED\.json$|\.expected-collapsed/.test(entry)) {
      out.push(relative(PROFILES, full));
    }
  }
  return out;
}

/** A file of `bytes` zero bytes that takes no disk space (fs.truncate extends sparsely). */
export async function sparseFile(path: string, bytes: number): Promise<string> {
  await fs.writeFile(path, '');
  await fs.truncate(path, bytes);
  return path;
}

const BOMB_MB = 256;

/**
 * gzip of 256 MiB of zeros (about 250 KB): 4× over the importer's 64 MiB floor, so it must be
 * refused while expanding. Streamed through zlib so building it needs no 256 MiB buffer.
 */
export async function gzipBomb(): Promise<string> {
  const path = join(tmpdir(), `hotspot-lens-bomb-${BOMB_MB}m.pb.gz`);
  if (existsSync(path)) return path;
  const chunk = Buffer.alloc(1 << 20);
  async function* zeros(): AsyncGenerator<Buffer> {
    for (let i = 0; i < BOMB_MB; i++) yield chunk;
  }
  const partial = `${path}.${process.pid}.tmp`;
  await pipeline(Readable.from(zeros()), createGzip({ level: 9 }), createWriteStream(partial));
  await fs.rename(partial, path);
  return path;
}
