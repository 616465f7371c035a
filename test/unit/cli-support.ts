import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'child_process';
import { existsSync } from 'fs';
import { join } from 'path';

// Runs the real bundled CLI (dist/cli.js) in a child process, building it first if needed.
export const REPO = join(__dirname, '../../..');
export const CLI = join(REPO, 'dist/cli.js');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Builds dist/ from the current sources (scripts/build.mjs). */
export function buildCli(): void {
  const b = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: REPO, encoding: 'utf8' });
  assert.equal(b.status, 0, b.stderr);
}

export function ensureCliBuilt(): void {
  if (!existsSync(CLI)) buildCli();
}

export function cli(...args: string[]): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: REPO });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Runs the CLI with `--json`, expects exit 0 and parses stdout. */
export async function cliJson(...args: string[]) {
  const r = await cli(...args, '--json');
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout);
}
