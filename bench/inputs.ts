// Builds the benchmark inputs by replicating real fixture files (never synthetic stacks), so the
// numbers reflect the shapes real captures have. Files are cached under .bench/ by size.
import { createWriteStream, existsSync, readFileSync, statSync, mkdirSync } from 'fs';
import { gunzipSync } from 'zlib';
import { join } from 'path';

const FIXTURES = join(__dirname, '..', '..', 'test', 'fixtures', 'profiles');

async function writeRepeated(out: string, parts: Buffer[], targetBytes: number): Promise<void> {
  const stream = createWriteStream(out);
  let written = 0;
  while (written < targetBytes) {
    for (const part of parts) {
      if (!stream.write(part)) await new Promise<void>((r) => stream.once('drain', () => r()));
      written += part.length;
    }
  }
  await new Promise<void>((resolve, reject) =>
    stream.end((err?: Error | null) => (err ? reject(err) : resolve())),
  );
}

function ensureBlankLineEnd(b: Buffer): Buffer {
  const text = b.toString('utf8').replace(/\s*$/, '');
  return Buffer.from(text + '\n\n');
}

/** ~N MB of `perf script` text: our own captures (with and without srcline) and speedscope's. */
export async function perfInput(dir: string, mb: number): Promise<string> {
  const out = join(dir, `big-${mb}mb.perf.txt`);
  if (existsSync(out)) return out;
  const files = [
    'perf-own/hot.fp.srcline.perf.txt',
    'perf-own/hot.fp.perf.txt',
    'perf-script/speedscope-system-wide.linux-perf.txt',
    'perf-script/speedscope-forks.linux-perf.txt',
  ];
  await writeRepeated(
    out,
    files.map((f) => ensureBlankLineEnd(readFileSync(join(FIXTURES, f)))),
    mb * 1e6,
  );
  return out;
}

/** ~N MB of collapsed stacks: the py-spy raw captures (long Python stacks) and collapsed files. */
export async function collapsedInput(dir: string, mb: number): Promise<string> {
  const out = join(dir, `big-${mb}mb.collapsed.txt`);
  if (existsSync(out)) return out;
  const files = [
    'pyspy-own/default.raw.txt',
    'pyspy-own/native.raw.txt',
    'pyspy-own/subprocesses.raw.txt',
    'collapsed/inferno-bad-lines.txt',
  ];
  const parts = files.map((f) =>
    Buffer.from(readFileSync(join(FIXTURES, f), 'utf8').replace(/\n?$/, '\n')),
  );
  await writeRepeated(out, parts, mb * 1e6);
  return out;
}

/** ~N MB py-spy speedscope JSON: the real capture with its samples arrays replicated. */
export async function speedscopeInput(dir: string, mb: number): Promise<string> {
  const out = join(dir, `big-${mb}mb.speedscope.json`);
  if (existsSync(out)) return out;
  const doc = JSON.parse(readFileSync(join(FIXTURES, 'pyspy-own/default.speedscope.json'), 'utf8'));
  const one = Buffer.byteLength(JSON.stringify(doc.profiles));
  const copies = Math.max(1, Math.round((mb * 1e6) / one));
  const stream = createWriteStream(out);
  const { profiles, ...rest } = doc;
  stream.write(JSON.stringify(rest).slice(0, -1) + ',"profiles":[');
  profiles.forEach((p: { samples: number[][]; weights: number[]; endValue: number }, i: number) => {
    const { samples, weights, ...head } = p;
    stream.write(
      (i > 0 ? ',' : '') + JSON.stringify({ ...head, endValue: p.endValue * copies }).slice(0, -1),
    );
    const s = JSON.stringify(samples).slice(1, -1);
    const w = JSON.stringify(weights).slice(1, -1);
    stream.write(',"samples":[');
    for (let c = 0; c < copies; c++) stream.write((c > 0 && s ? ',' : '') + s);
    stream.write('],"weights":[');
    for (let c = 0; c < copies; c++) stream.write((c > 0 && w ? ',' : '') + w);
    stream.write(']}');
  });
  stream.write(']}');
  await new Promise<void>((resolve) => stream.end(resolve));
  return out;
}

/**
 * ~N MB pprof: the Go CPU capture with its Sample records (field 2) appended again and again.
 * Protobuf repeated fields may be split anywhere in a message, so the result is a valid
 * Profile with the same tables and N times the samples (how the reference `big.pprof.pb` was made).
 */
export async function pprofInput(dir: string, mb: number): Promise<string> {
  const out = join(dir, `big-${mb}mb.pprof.pb`);
  if (existsSync(out)) return out;
  const raw = gunzipSync(readFileSync(join(FIXTURES, 'pprof/parca-fib.pb.gz')));
  const samples: Buffer[] = [];
  let pos = 0;
  const varint = (): number => {
    let result = 0;
    let shift = 0;
    for (;;) {
      const b = raw[pos++];
      result += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) return result;
      shift += 7;
    }
  };
  while (pos < raw.length) {
    const start = pos;
    const key = varint();
    const wire = key & 7;
    if (wire === 0) varint();
    else if (wire === 2) {
      const length = varint(); // read before adding: `pos += varint()` would use the old pos
      pos += length;
    } else if (wire === 1) pos += 8;
    else if (wire === 5) pos += 4;
    else throw new Error(`unexpected wire type ${wire}`);
    if (key >>> 3 === 2) samples.push(raw.subarray(start, pos));
  }
  const block = Buffer.concat(samples);
  const copies = Math.ceil((mb * 1e6) / block.length);
  await writeRepeated(out, [raw, ...Array<Buffer>(copies).fill(block)], 1); // one pass
  return out;
}

/**
 * ~N MB of py-spy raw stacks for the assistant-tool bench: our own captures, each copy's
 * workload.py/helpers.py frames under a folder of its own (`/srv/svc17/workload.py`, as if from
 * many deployed services), so the loaded profile has thousands of distinct functions and a
 * large tree instead of one merged copy. The standard-library frames stay shared.
 */
export async function manyServicesInput(dir: string, mb: number): Promise<string> {
  const out = join(dir, `big-${mb}mb.services.raw.txt`);
  if (existsSync(out)) return out;
  const files = ['default.raw.txt', 'native.raw.txt', 'threads.raw.txt', 'subprocesses.raw.txt'];
  const text = files
    .map((f) => readFileSync(join(FIXTURES, 'pyspy-own', f), 'utf8').replace(/\n?$/, '\n'))
    .join('');
  const copy = (c: number) => text.replace(/\((workload|helpers)\.py:/g, `(/srv/svc${c}/$1.py:`);
  const copies = Math.max(1, Math.round((mb * 1e6) / Buffer.byteLength(copy(100))));
  const parts: Buffer[] = [];
  for (let c = 0; c < copies; c++) parts.push(Buffer.from(copy(c)));
  await writeRepeated(out, parts, 1); // one pass over the copies
  return out;
}

export function sizeMB(path: string): number {
  return statSync(path).size / 1e6;
}

export function benchDir(): string {
  const dir = join(__dirname, '..', '..', '.bench');
  mkdirSync(dir, { recursive: true });
  return dir;
}
