import assert from 'node:assert/strict';
import { spawn } from 'child_process';
import { randomBytes } from 'crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { inspect } from 'util';
import { staleMessage } from '../../src/editor/sentry/snapshot';
import { SentryClient } from '../../src/sentry/client';
import { SentryError } from '../../src/sentry/errors';
import { fetchSpanStats } from '../../src/sentry/span-stats';
import { FakeSentry, fixedTime, LogRecorder } from '../support/fake-sentry';
import { FaultProxy, type Fault } from '../support/fault-proxy';

// The token must not appear in anything the tools write during a failing run: the CLI's stdout,
// stderr (with --verbose, so every request and retry is logged), files it leaves in its working
// directory, HOME or TMPDIR, the URLs the server saw; and the editor's error texts. The token is
// random per run, and any 10-character piece of it counts as a leak.

const REPO = join(__dirname, '../../..');
const SECRET = randomBytes(24).toString('hex');
const TOKEN = `sntryu_${SECRET}`;
const PIECES = Array.from({ length: SECRET.length - 9 }, (_, i) => SECRET.slice(i, i + 10));

function leaks(text: string): string | undefined {
  return PIECES.find((p) => text.includes(p));
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

interface Run {
  code: number | null;
  out: string;
}

describe('token hygiene: the CLI and the editor texts through failing Sentry runs', function () {
  this.timeout(120_000);
  let fake: FakeSentry;
  let proxy: FaultProxy;
  let work: string;
  let cliJs: string;
  const texts: string[] = [];

  before(async () => {
    work = mkdtempSync(join(tmpdir(), 'hotspot-lens-token-'));
    for (const d of ['home', 'tmp', 'cwd']) mkdirSync(join(work, d));
    // The same bundle scripts/build.mjs makes, built here from the current source.
    cliJs = join(work, 'cli.js');
    const esbuild = await import('esbuild');
    await esbuild.build({
      entryPoints: [join(REPO, 'src/cli/main.ts')],
      outfile: cliJs,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'es2022',
      logLevel: 'warning',
    });
    fake = await new FakeSentry().start();
    proxy = await new FaultProxy(fake.url).start();
  });
  after(async () => {
    if (process.env.FAULT_REPORT)
      console.log(`faults injected: ${proxy.faultCount}, requests: ${proxy.urls.length}`);
    await proxy?.stop();
    await fake?.stop();
    rmSync(work, { recursive: true, force: true });
  });

  function spans(token: string, ...extra: string[]): Promise<Run> {
    const args = [cliJs, 'sentry', 'spans', '--url', proxy.url, '--org', 'acme-shop', '--verbose'];
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [...args, ...extra], {
        cwd: join(work, 'cwd'),
        env: {
          PATH: process.env.PATH,
          HOME: join(work, 'home'),
          TMPDIR: join(work, 'tmp'),
          SENTRY_AUTH_TOKEN: token,
        },
      });
      let out = '';
      child.stdout.on('data', (d) => (out += d));
      child.stderr.on('data', (d) => (out += d));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, out }));
    });
  }

  const faults: [string, Fault | Fault[], number][] = [
    ['401 invalid token', { kind: 'status', status: 401, body: '{"detail":"Invalid token"}' }, 1],
    // A broken proxy that echoes the Authorization header back in its error page.
    [
      '403 echoing the token',
      { kind: 'status', status: 403, body: JSON.stringify({ detail: `Bearer ${TOKEN} denied` }) },
      1,
    ],
    ['500 page, every attempt', { kind: 'html', status: 500 }, 1],
    ['connection reset, every attempt', { kind: 'reset-before-answer' }, 1],
    ['reset mid-body, every attempt', { kind: 'reset-mid-body' }, 1],
    ['invalid JSON', { kind: 'invalid-json' }, 1],
    ['429 storm', { kind: 'status', status: 429, headers: { 'Retry-After': '1' } }, 1],
    [
      'two 502s, then data',
      [
        { kind: 'html', status: 502 },
        { kind: 'html', status: 502 },
      ],
      0,
    ],
  ];

  for (const [name, fault, exit] of faults)
    it(`CLI: ${name} (exit ${exit})`, async () => {
      if (Array.isArray(fault)) proxy.next(...fault);
      else proxy.always(fault);
      const before = proxy.urls.length;
      const run = await spans(TOKEN);
      proxy.always(undefined);
      texts.push(run.out);
      assert.equal(run.code, exit, run.out);
      assert.ok(proxy.urls.length > before, 'the CLI reached the proxy');
      if (exit === 1) assert.match(run.out, /Fix: /);
      assert.equal(leaks(run.out), undefined, `token in the CLI output:\n${run.out}`);
    });

  it('CLI: a malformed or organization token is refused without being echoed', async () => {
    for (const token of [`${TOKEN} extra`, `Bearer ${TOKEN}`, `sntrys_${SECRET}`]) {
      const run = await spans(token);
      texts.push(run.out);
      assert.equal(run.code, 1, run.out);
      assert.equal(leaks(run.out), undefined, `token in:\n${run.out}`);
    }
  });

  it("editor: error texts, the stale note and the errors' inspect output", async () => {
    const log = new LogRecorder();
    const policy = { maxServerRetries: 1, maxRateLimitRetries: 1, baseDelayMs: 1, maxDelayMs: 5 };
    const c = new SentryClient({ url: proxy.url, token: TOKEN, ...fixedTime(0), log, policy });
    for (const [, fault] of faults.slice(0, 7)) {
      proxy.always(fault as Fault);
      const err = await fetchSpanStats(c, { org: 'acme-shop', projects: [], period: '24h' }).then(
        () => assert.fail('the fault did not fail the refresh'),
        (e: unknown) => e,
      );
      assert.ok(err instanceof SentryError, inspect(err));
      // What data.ts logs and shows: the message, `Hotspot Lens: …`, and the stale note.
      texts.push(err.message, err.stack ?? '', inspect(err, { depth: 8, showHidden: true }));
      texts.push(JSON.stringify(err), staleMessage({ error: err.message, fetchedAt: 0 }));
    }
    proxy.always(undefined);
    texts.push(...log.lines);
    for (const t of texts) assert.equal(leaks(t), undefined, `token in: ${t}`);
  });

  it('nothing the runs wrote, and no URL the server saw, holds the token', () => {
    assert.ok(texts.length > faults.length, 'outputs were collected');
    for (const file of filesUnder(work).filter((f) => f !== cliJs)) {
      const text = readFileSync(file, 'latin1');
      assert.equal(leaks(text), undefined, `token in ${file}`);
    }
    assert.ok(proxy.urls.length > faults.length);
    for (const url of proxy.urls) assert.equal(leaks(url), undefined, `token in URL ${url}`);
    for (const r of fake.requests)
      assert.equal(leaks(`${r.path}?${r.query.toString()}`), undefined, r.path);
  });
});
