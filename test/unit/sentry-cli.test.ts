import assert from 'node:assert/strict';
import { execFile } from 'child_process';
import { readFileSync } from 'fs';
import { join } from 'path';
import { FakeSentry, FIXTURES } from '../support/fake-sentry';

const ROOT = join(__dirname, '..', '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const TOKEN = 'sntryu_' + '5eed'.repeat(16);

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(args: string[], env: Record<string, string | undefined>): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      { env: { PATH: process.env.PATH, ...env } },
      (err, stdout, stderr) =>
        resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('hotspot-lens sentry spans (real CLI process against the fake Sentry)', function () {
  this.timeout(60_000);
  let server: FakeSentry;

  before(async () => {
    // The same bundle scripts/build.mjs makes, built here so the test never runs a stale dist/.
    const esbuild = await import('esbuild');
    await esbuild.build({
      entryPoints: [join(ROOT, 'src/cli/main.ts')],
      outfile: CLI,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'es2022',
      banner: { js: '#!/usr/bin/env node' },
      logLevel: 'warning',
    });
    server = await new FakeSentry().start();
  });
  after(() => server.stop());

  it('prints {"rows":[…]} sorted by p95 with both attribute generations merged', async () => {
    const run = await cli(
      [
        'sentry',
        'spans',
        '--url',
        server.url,
        '--org',
        'acme-shop',
        '--project',
        'shop-backend',
        '--environment',
        'production',
        '--period',
        '24h',
        '--json',
      ],
      { SENTRY_AUTH_TOKEN: TOKEN },
    );
    assert.equal(run.code, 0, run.stderr);
    const { rows } = JSON.parse(run.stdout) as { rows: Record<string, unknown>[] };
    assert.deepEqual(Object.keys(rows[0]), [
      'project',
      'file',
      'function',
      'line',
      'count',
      'p50',
      'p95',
      'avg',
      'sumSelfTime',
      'requests',
      'callsPerRequest',
      'share',
    ]);
    for (let i = 1; i < rows.length; i++)
      assert.ok((rows[i - 1].p95 as number) >= (rows[i].p95 as number));
    const page1 = JSON.parse(
      readFileSync(join(FIXTURES, 'events.spans.by-code-location.page1.json'), 'utf8'),
    ).data[0];
    const otel = JSON.parse(
      readFileSync(join(FIXTURES, 'events.spans.by-code-location.otel-names.json'), 'utf8'),
    ).data[0];
    const row = rows.find(
      (r) => r.file === page1['code.filepath'] && r.line === page1['tags[code.lineno,number]'],
    );
    assert.equal(row?.count, page1['count()'] + otel['count()']);
    const events = server.requestsTo('/events/');
    assert.ok(
      events.every(
        (r) =>
          r.query.get('environment') === 'production' &&
          r.query.get('project') === '4509876543210001',
      ),
    );
    assert.ok(!run.stdout.includes(TOKEN) && !run.stderr.includes(TOKEN));
  });

  it('prints a readable table without --json', async () => {
    const run = await cli(['sentry', 'spans', '--url', server.url, '--org', 'acme-shop'], {
      SENTRY_AUTH_TOKEN: TOKEN,
    });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout.split('\n')[0], /p95\s+p50\s+avg\s+count/);
    assert.match(run.stdout, /shopapp\/reports\.py:9 compute_report/);
  });

  it('exits 1 with cause and fix for an organization token and for a missing token', async () => {
    const org = await cli(
      ['sentry', 'spans', '--url', server.url, '--org', 'acme-shop', '--json'],
      { SENTRY_AUTH_TOKEN: 'sntrys_eyJvcmciOiJhY21lIn0_secret' },
    );
    assert.equal(org.code, 1);
    assert.match(org.stderr, /organization auth token.*Fix: .*User Auth Token/s);
    assert.equal(org.stdout, '');
    const none = await cli(['sentry', 'spans', '--url', server.url, '--org', 'acme-shop'], {});
    assert.equal(none.code, 1);
    assert.match(none.stderr, /SENTRY_AUTH_TOKEN is not set/);
  });

  it("exits 1 with Sentry's error explained for an unknown organization", async () => {
    const run = await cli(
      ['sentry', 'spans', '--url', server.url, '--org', 'does-not-exist', '--json'],
      { SENTRY_AUTH_TOKEN: TOKEN },
    );
    assert.equal(run.code, 1);
    assert.match(run.stderr, /does-not-exist/);
    assert.match(run.stderr, /Fix: /);
  });
});
