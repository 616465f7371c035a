// `hotspot-lens sentry profile` as a real CLI process against the real local Sentry server on
// 127.0.0.1, seeded with the recorded envelopes of both SDKs (demo/recorded: sentry-sdk 2.76
// transaction profiles and chunks, @sentry/profiling-node chunks). The numbers are checked
// against an aggregation written here over the recorded envelopes themselves: the samples of
// each matching transaction's profile (its active thread), and of the continuous-profiling
// chunks inside each matching segment span (its profiler, its thread, its time), each once.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { ProfileStore } from '../../tools/local-sentry/profiling/profile-store';
import { seedRecorded } from '../../tools/local-sentry/seed';
import { startLocalSentry, type LocalSentry } from '../../tools/local-sentry/server';
import { SpanStore } from '../../tools/local-sentry/store';
import { buildCli, CLI, REPO } from './cli-support';

const RECORDED = join(REPO, 'demo/recorded');
const BACKEND = '4509876543210001';
const NODE = '4509876543210002';
const TOKEN = 'sntryu_' + 'c0de'.repeat(16);

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

interface Recorded {
  project: string;
  type: string;
  json: Json;
}

/** Every item of every recorded envelope (own reader: header line, then header/payload pairs). */
function recordedItems(): Recorded[] {
  const out: Recorded[] = [];
  for (const file of readdirSync(RECORDED).sort()) {
    const m = /^\d+-(\d+)\.envelope(\.gz)?$/.exec(file);
    if (!m) continue;
    let buf = readFileSync(join(RECORDED, file));
    if (m[2]) buf = gunzipSync(buf);
    let pos = buf.indexOf(0x0a) + 1;
    while (pos < buf.length) {
      let nl = buf.indexOf(0x0a, pos);
      if (nl < 0) nl = buf.length;
      const line = buf.subarray(pos, nl).toString('utf8');
      pos = nl + 1;
      if (line.trim() === '') continue;
      const header = JSON.parse(line) as Json;
      let payload: Buffer;
      if (typeof header.length === 'number') {
        payload = buf.subarray(pos, pos + header.length);
        pos += header.length + 1;
      } else {
        let end = buf.indexOf(0x0a, pos);
        if (end < 0) end = buf.length;
        payload = buf.subarray(pos, end);
        pos = end + 1;
      }
      try {
        out.push({
          project: m[1],
          type: String(header.type),
          json: JSON.parse(payload.toString()),
        });
      } catch {
        // attachments and other non-JSON items
      }
    }
  }
  return out;
}

const attr = (s: Json, key: string): string | undefined => {
  const v = s.attributes?.[key]?.value;
  return v === undefined ? undefined : String(v);
};

/** Samples per leaf frame (`name\tpath\tline`) Sentry's flamegraph should hold. */
function expected(project: string, transaction: string | undefined): Map<string, number> {
  const items = recordedItems().filter((i) => i.project === project);
  const self = new Map<string, number>();
  const count = (frames: Json[], stack: number[]) => {
    const f = frames[stack[0]]; // leaf first
    const key = `${f.function || '<anonymous>'}\t${f.abs_path || f.filename}\t${f.lineno || ''}`;
    self.set(key, (self.get(key) ?? 0) + 1);
  };
  const named = (name: string) => transaction === undefined || name === transaction;
  // Transaction profiles: the transaction's own profile, its active thread.
  const profiles = items.filter((i) => i.type === 'profile').map((i) => i.json);
  for (const tx of items.filter((i) => i.type === 'transaction').map((i) => i.json)) {
    if (!named(tx.transaction)) continue;
    const p = profiles.find((x) => x.transactions[0].id === tx.event_id);
    if (!p) continue;
    const active = String(p.transactions[0].active_thread_id);
    for (const s of p.profile.samples as Json[])
      if (String(s.thread_id) === active) count(p.profile.frames, p.profile.stacks[s.stack_id]);
  }
  // Continuous profiling: chunk samples inside segment spans, on the span's thread.
  const chunks = items.filter((i) => i.type === 'profile_chunk').map((i) => i.json);
  const taken = new Set<string>();
  for (const item of items.filter((i) => i.type === 'span')) {
    for (const span of (item.json.items ?? [item.json]) as Json[]) {
      if (!span.is_segment || !named(span.name)) continue;
      const profiler = attr(span, 'sentry.profiler_id');
      const thread = attr(span, 'thread.id');
      for (const c of chunks.filter((x) => x.profiler_id === profiler)) {
        const threads = new Set((c.profile.samples as Json[]).map((s) => String(s.thread_id)));
        if (thread === undefined && threads.size !== 1) continue;
        (c.profile.samples as Json[]).forEach((s, i) => {
          if (thread !== undefined && String(s.thread_id) !== thread) return;
          if (s.timestamp < span.start_timestamp || s.timestamp > span.end_timestamp) return;
          const key = `${c.chunk_id}:${i}`;
          if (taken.has(key)) return;
          taken.add(key);
          count(c.profile.frames, c.profile.stacks[s.stack_id]);
        });
      }
    }
  }
  return self;
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(args: string[], token: string | undefined = TOKEN): Promise<Run> {
  return new Promise((resolve) => {
    const env = { PATH: process.env.PATH, ...(token ? { SENTRY_AUTH_TOKEN: token } : {}) };
    execFile(process.execPath, [CLI, ...args], { env, cwd: REPO }, (err, stdout, stderr) =>
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('hotspot-lens sentry profile (real CLI against the real local Sentry)', function () {
  this.timeout(120_000);
  let dir: string;
  let on: LocalSentry;
  let off: LocalSentry;

  before(async () => {
    buildCli();
    dir = mkdtempSync(join(tmpdir(), 'sentry-profile-cli-'));
    const start = async (name: string, profiling: boolean) => {
      const store = new SpanStore(join(dir, name));
      const profiles = new ProfileStore(join(dir, name));
      store.add(seedRecorded(RECORDED, profiles, Date.now() / 1000).spans, false);
      return startLocalSentry({ store, profiles, profiling, tokens: [TOKEN], port: 0 });
    };
    on = await start('on', true);
    off = await start('off', false);
  });
  after(async () => {
    await on?.close();
    await off?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const profile = (url: string, ...args: string[]) =>
    run(['sentry', 'profile', '--url', url, '--org', 'acme-shop', ...args]);

  const cases: Array<[string, string, string | undefined]> = [
    ['shop-backend', BACKEND, 'checkout'],
    ['shop-backend', BACKEND, 'report'],
    ['shop-node', NODE, 'GET /report/:n'],
    ['shop-node', NODE, undefined],
  ];
  for (const [slug, id, transaction] of cases) {
    it(`${slug}${transaction ? ` --transaction "${transaction}"` : ''}: the recorded samples, frame by frame`, async () => {
      const want = expected(id, transaction);
      const total = [...want.values()].reduce((a, b) => a + b, 0);
      assert.ok(total > 0, 'the recording has samples for this query');
      const args = ['--project', slug, '--json', '--top', '0', '--value', 'samples'];
      if (transaction) args.push('--transaction', transaction);
      const r = await profile(on.url, ...args);
      assert.equal(r.code, 0, r.stderr);
      const s = JSON.parse(r.stdout) as Json;
      assert.equal(s.format, 'sentry');
      assert.equal(s.samples, total);
      assert.equal(s.values[0].total, total);
      const got = new Map<string, number>();
      for (const row of s.top as Json[]) {
        if (row.self === 0) continue;
        const key = `${row.name}\t${row.file ?? ''}\t${row.line ?? ''}`;
        got.set(key, (got.get(key) ?? 0) + row.self);
      }
      assert.deepEqual(Object.fromEntries([...got].sort()), Object.fromEntries([...want].sort()));
      assert.ok(!r.stdout.includes(TOKEN) && !r.stderr.includes(TOKEN), 'no token in the output');
    });
  }

  it('joins every project into one profile (a thread each) and saves it with -o', async () => {
    const out = join(dir, 'flame.json');
    const r = await profile(on.url, '--json', '--top', '3', '--value', 'samples', '-o', out);
    assert.equal(r.code, 0, r.stderr);
    const s = JSON.parse(r.stdout) as Json;
    const want = [BACKEND, NODE].map((p) => [...expected(p, undefined).values()]).flat();
    assert.equal(
      s.samples,
      want.reduce((a, b) => a + b, 0),
    );
    assert.equal(s.attributes.source, 'Sentry acme-shop/shop-backend,shop-node · last 24h');
    const saved = await run(['summary', out, '--json', '--value', 'samples', '--top', '3']);
    assert.equal(saved.code, 0, saved.stderr);
    assert.deepEqual(JSON.parse(saved.stdout).top, s.top);
    const body = JSON.parse(readFileSync(out, 'utf8')) as Json;
    assert.deepEqual(
      (body.profiles as Json[]).map((p) => p.name),
      ['shop-backend', 'shop-node'],
    );
    const table = await profile(on.url, '--project', 'shop-backend', '--top', '3');
    assert.equal(table.code, 0, table.stderr);
    assert.match(table.stdout, /^Sentry acme-shop\/shop-backend · last 24h: sentry profile, /);
    assert.match(table.stdout, /self%\s+self\s+total%\s+total\s+name\s+location/);
  });

  it('--function: the profiles in which the function ran', async () => {
    const r = await profile(
      on.url,
      '--project',
      'shop-backend',
      '--function',
      'compute_report',
      '--json',
      '--top',
      '0',
    );
    assert.equal(r.code, 0, r.stderr);
    const s = JSON.parse(r.stdout) as Json;
    assert.ok((s.top as Json[]).some((row) => row.name === 'compute_report' && row.self > 0));
    const none = await profile(on.url, '--project', 'shop-backend', '--function', 'no_such_fn');
    assert.equal(none.code, 1);
    assert.match(
      none.stderr,
      /No function named "no_such_fn" ran in the profiles of Sentry acme-shop\/shop-backend/,
    );
  });

  it('explains a Sentry without profiling, a project the token may not read, and no samples', async () => {
    const noFeature = await profile(off.url, '--project', 'shop-backend');
    assert.equal(noFeature.code, 1);
    assert.match(
      noFeature.stderr,
      /This Sentry has no profiling \(or it is off for the organization\)/,
    );
    assert.match(noFeature.stderr, /answered 404 with an empty body.*Fix: profiling needs/s);
    const noFunctions = await profile(off.url, '--project', 'shop-backend', '--function', 'x');
    assert.match(noFunctions.stderr, /This Sentry has no profiling.*answered 400/s);

    const forbidden = await profile(on.url, '--project', '4509876543219999');
    assert.equal(forbidden.code, 1);
    assert.match(forbidden.stderr, /may not read the profiling data of project 4509876543219999/);
    assert.match(forbidden.stderr, /scope event:read, plus org:read and project:read/);

    const empty = await profile(on.url, '--project', 'shop-backend', '--transaction', 'nope');
    assert.equal(empty.code, 1);
    assert.match(
      empty.stderr,
      /No profile samples in Sentry acme-shop\/shop-backend · last 24h · transaction nope\. Fix: widen the period/,
    );

    const both = await profile(on.url, '--transaction', 'a', '--function', 'b');
    assert.equal(both.code, 2);
    assert.match(both.stderr, /--transaction or --function, not both/);
    const spansFlag = await run([
      'sentry',
      'spans',
      '--url',
      on.url,
      '--org',
      'acme-shop',
      '--function',
      'x',
    ]);
    assert.equal(spansFlag.code, 2);
    assert.match(spansFlag.stderr, /--function is an option of 'sentry profile'/);
    for (const r of [noFeature, forbidden, empty]) assert.ok(!r.stderr.includes(TOKEN));
  });
});
