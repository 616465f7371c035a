import { spawn, spawnSync } from 'child_process';
import { readFileSync } from 'fs';
import { join } from 'path';

// Shared by the diff tests: the recorded pair, an independent reader of py-spy raw text (the
// oracle for self weights) and a real py-spy recording of the workload.

export const DIFF_FIXTURES = join(__dirname, '../../../test/fixtures/diff');
export const WORKLOAD = join(DIFF_FIXTURES, 'workload.py');
export const BASE_RAW = join(DIFF_FIXTURES, 'base.raw.txt');
export const FAST_RAW = join(DIFF_FIXTURES, 'fast.raw.txt');

export interface LeafCounts {
  /** `name\0file` of the leaf frame (file '' when the frame has none) → summed count. */
  readonly self: Map<string, number>;
  readonly total: number;
}

/**
 * Naive second reader of py-spy raw / collapsed text: the last `;`-separated frame of each line
 * is the leaf, `name (file:line)` or a bare name; the trailing number is its count.
 */
export function leafCounts(path: string): LeafCounts {
  const self = new Map<string, number>();
  let total = 0;
  for (const raw of readFileSync(path, 'utf8').split('\n')) {
    const line = raw.trimEnd();
    const space = line.lastIndexOf(' ');
    if (line === '' || space < 0) continue;
    const count = Number(line.slice(space + 1));
    const frames = line.slice(0, space).split(';');
    // py-spy writes samples without Python frames (native code, GIL waits) as an empty stack.
    const leaf = frames[frames.length - 1] || '<no Python frames>';
    const m = /^(.*) \((.*):(\d+)\)$/.exec(leaf);
    const key = m ? `${m[1]}\u0000${m[2]}` : `${leaf}\u0000`;
    self.set(key, (self.get(key) ?? 0) + count);
    total += count;
  }
  return { self, total };
}

export function hasPySpy(): boolean {
  const r = spawnSync('py-spy', ['--version'], { encoding: 'utf8' });
  return r.status === 0;
}

/** `py-spy record --rate 200 -f raw` of `python3 script args…`; resolves when the file is written. */
export function recordPySpy(output: string, script: string, args: string[]): Promise<void> {
  const python = process.env.PYTHON ?? 'python3';
  const argv = ['record', '--rate', '200', '--full-filenames', '-f', 'raw', '-o', output];
  return new Promise((resolve, reject) => {
    const child = spawn('py-spy', [...argv, '--', python, script, ...args], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`py-spy exited with ${code}: ${err}`)),
    );
  });
}
