// Processes for the SDK end-to-end test: the local server (compiled), the demo services, and
// the checks that decide whether the test can run at all on this machine.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

export const ROOT = join(__dirname, '../../..');
export const DEMO = join(ROOT, 'demo');

/** Why the test cannot run here, or undefined when python and node deps are present. */
export function missingDeps(): string | undefined {
  const py = spawnSync('python3', ['-c', 'import flask, sentry_sdk'], { encoding: 'utf8' });
  if (py.status !== 0) {
    return `python3 with flask and sentry-sdk 2.x is needed (pip install flask 'sentry-sdk==2.*'): ${(py.stderr || py.error?.message || '').trim().split('\n').pop()}`;
  }
  if (!existsSync(join(DEMO, 'node-service/node_modules/@sentry/node'))) {
    return '@sentry/node is not installed for the demo (npm ci --prefix demo/node-service)';
  }
  if (!existsSync(join(DEMO, 'node-service/node_modules/@sentry/profiling-node'))) {
    return '@sentry/profiling-node is not installed for the demo (npm ci --prefix demo/node-service)';
  }
  return undefined;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export interface Proc {
  child: ChildProcess;
  output: () => string;
  /** Resolves with the exit code once the process has ended on its own. */
  exited: Promise<number | null>;
  /** SIGTERM, then wait for exit: the demo services flush their SDK buffers on SIGTERM. */
  stop: () => Promise<void>;
}

export function startProc(
  cmd: string,
  args: string[],
  cwd: string,
  env: Record<string, string>,
): Proc {
  const child = spawn(cmd, args, {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  return {
    child,
    output: () => out,
    exited,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Polls until the URL answers at all (any status), or fails with the process output. */
export async function waitHttp(url: string, proc: Proc, tries = 150): Promise<void> {
  for (let i = 0; i < tries; i++) {
    if (proc.child.exitCode !== null) throw new Error(`process exited early:\n${proc.output()}`);
    try {
      await fetch(url);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`${url} did not answer:\n${proc.output()}`);
}

/** The local server from the compiled sources, on its own port, data dir and record dir. */
export async function startLocalServer(
  port: number,
  dataDir: string,
  recordDir: string,
  token: string,
): Promise<Proc> {
  const main = join(ROOT, 'out/tools/local-sentry/main.js');
  const args = [
    main,
    '--port',
    String(port),
    '--data',
    dataDir,
    '--no-seed',
    '--record',
    recordDir,
    '--token',
    token,
  ];
  const proc = startProc(process.execPath, args, ROOT, {});
  await waitHttp(`http://127.0.0.1:${port}/api/0/`, proc);
  return proc;
}
