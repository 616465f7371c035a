import { spawn, type ChildProcess } from 'child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { attribute, type Attribution } from '../../src/core/attribution';
import { importProfileFile } from '../../src/core/import/index';
import type { Profile } from '../../src/core/model';

// Shared by the capture tests: the known workloads, their HOT lines read from the source (so
// the expected line is never typed into a test), and process bookkeeping.

export const CAPTURE_FIXTURES = join(__dirname, '../../../test/fixtures/capture');
export const WORKLOAD_PY = join(CAPTURE_FIXTURES, 'workload.py');
export const HOT_C = join(CAPTURE_FIXTURES, 'hot.c');

/** 1-based line of the only line containing `HOT` in a fixture. */
export function hotLine(file: string): number {
  const lines = readFileSync(file, 'utf8').split('\n');
  const hits = lines.flatMap((l, i) => (/\bHOT\b/.test(l) && !/marked HOT/.test(l) ? [i + 1] : []));
  if (hits.length !== 1) throw new Error(`expected one HOT line in ${file}, found ${hits.length}`);
  return hits[0];
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `hotspot-lens-${prefix}-`));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Starts `command args…` and resolves once it printed "ready" (the workloads do). */
export function startReady(command: string, args: string[]): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.includes('ready')) resolve(child);
    });
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`${command} exited early with ${code}`)));
  });
}

export function stopChild(child: ChildProcess | undefined): void {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

/** PIDs of live (non-zombie) processes whose command line contains `marker`. */
export function processesWith(marker: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
      if (cmdline.includes(marker) && state !== 'Z') found.push(Number(entry));
    } catch {
      // Gone while reading.
    }
  }
  return found;
}

export interface Hottest {
  readonly profile: Profile;
  readonly attribution: Attribution;
  readonly fn: Attribution['byFunction'][number];
  readonly line: Attribution['byLine'][number];
}

/** Imports a capture the way the editor does and returns its hottest function and line by self weight. */
export async function hottest(path: string): Promise<Hottest> {
  const profile = await importProfileFile(path);
  const attribution = attribute(profile);
  return { profile, attribution, fn: attribution.byFunction[0], line: attribution.byLine[0] };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
