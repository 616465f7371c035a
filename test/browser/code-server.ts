// Starts code-server (installed by scripts/setup-vscode.sh into .e2e/, see docs/testing-in-vscode.md §2) in
// its own process group on a free 127.0.0.1 port, with XDG dirs, user data and extensions inside
// a temp folder, so nothing is written to $HOME. Returns undefined when code-server is absent.
import { spawn, type ChildProcess } from 'child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'fs';
import { createServer } from 'net';
import { tmpdir } from 'os';
import { join } from 'path';

const REPO = join(__dirname, '../../..');

export interface CodeServer {
  readonly base: string;
  readonly workspace: string;
  stop(): Promise<void>;
}

function codeServerEntry(): { node: string; entry: string } | undefined {
  const env = join(REPO, '.e2e/env.sh');
  if (!existsSync(env)) return undefined;
  const vars = Object.fromEntries(
    [...readFileSync(env, 'utf8').matchAll(/^export (\w+)=(.*)$/gm)].map((m) => [m[1], m[2]]),
  );
  if (!vars.CS_ENTRY || !existsSync(vars.CS_ENTRY)) return undefined;
  return { node: vars.CS_NODE || process.execPath, entry: vars.CS_ENTRY };
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export async function startCodeServer(): Promise<CodeServer | undefined> {
  const cs = codeServerEntry();
  if (!cs) return undefined;
  const run = mkdtempSync(join(tmpdir(), 'hotspot-cs-'));
  const workspace = join(run, 'ws');
  cpSync(join(REPO, 'test/fixtures/workspace'), workspace, { recursive: true });
  mkdirSync(join(run, 'data/User'), { recursive: true });
  cpSync(join(REPO, 'test/integration/settings.json'), join(run, 'data/User/settings.json'));
  const port = await freePort();
  writeFileSync(join(run, 'cs.yaml'), `auth: none\nbind-addr: 127.0.0.1:${port}\ncert: false\n`);
  const xdg = join(run, 'xdg');
  const child: ChildProcess = spawn(
    cs.node,
    [
      cs.entry,
      ...['--config', join(run, 'cs.yaml'), '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`],
      ...['--disable-telemetry', '--disable-update-check', '--disable-workspace-trust'],
      ...['--disable-getting-started-override', '--ignore-last-opened'],
      ...['--user-data-dir', join(run, 'data'), '--extensions-dir', join(run, 'exts')],
    ],
    {
      detached: true,
      stdio: 'ignore',
      env: { ...process.env, XDG_DATA_HOME: xdg, XDG_CONFIG_HOME: xdg, XDG_CACHE_HOME: xdg },
    },
  );
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    const ok = await fetch(`${base}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    base,
    workspace,
    async stop() {
      // The server, extension host and file watchers share the process group: end them all.
      if (child.pid !== undefined) {
        try {
          process.kill(-child.pid, 'SIGTERM');
        } catch {
          // already gone
        }
      }
      await new Promise((r) => setTimeout(r, 500));
      rmSync(run, { recursive: true, force: true });
    },
  };
}
