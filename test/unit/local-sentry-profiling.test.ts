// The local Sentry server's profiling side over real HTTP, fed with the real profile items of
// demo/recorded (sentry-sdk and @sentry/profiling-node): bad items are refused with a reason
// while the envelope's spans are kept, bad flamegraph parameters get Sentry's 400s, an empty
// store and a Sentry without profiling answer as the real one does, and nothing crashes.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { ProfileStore } from '../../tools/local-sentry/profiling/profile-store';
import { seedRecorded } from '../../tools/local-sentry/seed';
import { startLocalSentry, type LocalSentry } from '../../tools/local-sentry/server';
import { SpanStore } from '../../tools/local-sentry/store';

const RECORDED = join(__dirname, '../../../demo/recorded');
const BACKEND = '4509876543210001';
const AUTH = { Authorization: 'Bearer t' };

/** The first recorded item of a type, parsed, with the rest of its envelope. */
function recordedItem(type: string): { file: string; payload: Record<string, unknown> } {
  for (const file of readdirSync(RECORDED).sort()) {
    let body = readFileSync(join(RECORDED, file));
    if (file.endsWith('.gz')) body = gunzipSync(body);
    const lines = body.toString('utf8').split('\n');
    for (let i = 1; i + 1 < lines.length; i++) {
      try {
        if ((JSON.parse(lines[i]) as { type?: string }).type === type)
          return { file, payload: JSON.parse(lines[i + 1]) as Record<string, unknown> };
      } catch {
        continue;
      }
    }
  }
  throw new Error(`no ${type} item in demo/recorded`);
}

function envelope(items: Array<[string, string]>): string {
  const head = JSON.stringify({ dsn: `http://backendpublickey@127.0.0.1/${BACKEND}` });
  return [head, ...items.flatMap(([t, p]) => [JSON.stringify({ type: t }), p])].join('\n') + '\n';
}

describe('local-sentry profiling', () => {
  let dir: string;
  let srv: LocalSentry | undefined;
  afterEach(async () => {
    await srv?.close();
    srv = undefined;
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function start(profiling = true, seed = false): Promise<string> {
    dir = mkdtempSync(join(tmpdir(), 'ls-prof-'));
    const store = new SpanStore(join(dir, 'data'));
    const profiles = new ProfileStore(join(dir, 'data'));
    if (seed) store.add(seedRecorded(RECORDED, profiles, Date.now() / 1000).spans, false);
    srv = await startLocalSentry({ store, profiles, profiling, tokens: ['t'], port: 0 });
    return srv.url;
  }

  const post = (url: string, body: string): Promise<Response> =>
    fetch(`${url}/api/${BACKEND}/envelope/`, { method: 'POST', body });
  const flame = (url: string, q: string): Promise<Response> =>
    fetch(`${url}/api/0/organizations/acme-shop/profiling/flamegraph/?${q}`, { headers: AUTH });

  it('stores a real v1 profile and a real v2 chunk, and serves them raw', async () => {
    const url = await start();
    const profile = recordedItem('profile').payload;
    const chunk = recordedItem('profile_chunk').payload;
    const res = await post(
      url,
      envelope([
        ['profile', JSON.stringify(profile)],
        ['profile_chunk', JSON.stringify(chunk)],
      ]),
    );
    assert.equal(res.status, 200);
    assert.equal(((await res.json()) as { profile_errors?: string[] }).profile_errors, undefined);
    const raw = await fetch(
      `${url}/api/0/projects/acme-shop/shop-backend/profiling/profiles/${String(profile.event_id)}/`,
      { headers: AUTH },
    );
    assert.equal(raw.status, 200);
    assert.deepEqual(
      ((await raw.json()) as { profile: unknown }).profile,
      (profile as { profile: unknown }).profile,
    );
    const times = (
      chunk as { profile: { samples: Array<{ timestamp: number }> } }
    ).profile.samples.map((x) => x.timestamp);
    const iso = (t: number): string => new Date(t * 1000).toISOString();
    const range = `start=${iso(Math.min(...times) - 1)}&end=${iso(Math.max(...times) + 1)}`;
    const got = await fetch(
      `${url}/api/0/organizations/acme-shop/profiling/chunks/?project=${BACKEND}&profiler_id=${String(chunk.profiler_id)}&${range}`,
      { headers: AUTH },
    );
    assert.equal(got.status, 200);
    const merged = ((await got.json()) as { chunk: { profile: { samples: unknown[] } } }).chunk;
    assert.equal(merged.profile.samples.length, times.length);
    // Restart on the same data dir: the profiles come back from profiles.jsonl.
    assert.equal(new ProfileStore(join(dir, 'data')).size, 2);
  });

  it('refuses an unknown profile version and a corrupt chunk with a reason, keeping the spans', async () => {
    const url = await start();
    const profile = { ...recordedItem('profile').payload, version: '7' };
    const chunk = recordedItem('profile_chunk').payload as { profile: { samples: unknown[] } };
    const corrupt = {
      ...chunk,
      profile: { ...chunk.profile, samples: [{ stack_id: 99999, thread_id: '1', timestamp: 1 }] },
    };
    const tx = JSON.stringify({
      event_id: 'a'.repeat(32),
      type: 'transaction',
      transaction: 'report',
      start_timestamp: Date.now() / 1000 - 1,
      timestamp: Date.now() / 1000,
      contexts: { trace: { trace_id: 'b'.repeat(32), span_id: 'c'.repeat(16), op: 'http.server' } },
      spans: [],
    });
    const res = await post(
      url,
      envelope([
        ['profile', JSON.stringify(profile)],
        ['profile_chunk', JSON.stringify(corrupt)],
        ['profile_chunk', '{"chunk_id": "trunc'],
        ['transaction', tx],
      ]),
    );
    assert.equal(res.status, 200);
    const errors = ((await res.json()) as { profile_errors: string[] }).profile_errors;
    assert.equal(errors.length, 3);
    assert.match(errors[0], /unknown profile version "7"/);
    assert.match(errors[1], /stack_id 99999/);
    assert.match(errors[2], /not JSON/);
    const spans = await fetch(
      `${url}/api/0/organizations/acme-shop/events/?dataset=spans&field=count()&statsPeriod=1h`,
      { headers: AUTH },
    );
    assert.equal(
      ((await spans.json()) as { data: Array<Record<string, number>> }).data[0]['count()'],
      1,
    );
    const fg = (await (await flame(url, `project=${BACKEND}`)).json()) as {
      shared: { frames: unknown[] };
      profiles: Array<{ samples: unknown[] }>;
    };
    assert.deepEqual([fg.shared.frames, fg.profiles[0].samples], [[], []]);
  });

  it('answers bad flamegraph parameters with 400s and unknown profiles with 404', async () => {
    const url = await start(true, true);
    const multi = await flame(url, 'statsPeriod=24h');
    assert.equal(multi.status, 400);
    assert.match(((await multi.json()) as { detail: string }).detail, /multiple projects/);
    assert.equal((await flame(url, `project=${BACKEND}&dataSource=nope`)).status, 400);
    assert.equal((await flame(url, `project=${BACKEND}&dataSource=functions`)).status, 400);
    assert.equal((await flame(url, `project=${BACKEND}&statsPeriod=banana`)).status, 400);
    assert.equal((await flame(url, `project=${BACKEND}&dataSource=spans&query=(`)).status, 400);
    assert.equal((await flame(url, 'project=999')).status, 403);
    const missing = await fetch(
      `${url}/api/0/projects/acme-shop/shop-backend/profiling/profiles/${'0'.repeat(32)}/`,
      { headers: AUTH },
    );
    assert.equal(missing.status, 404);
    const seeded = (await (await flame(url, `project=${BACKEND}&statsPeriod=24h`)).json()) as {
      profiles: Array<{ endValue: number }>;
    };
    assert.ok(seeded.profiles[0].endValue > 0, 'the demo recording holds profiles');
  });

  it('emulates a Sentry without profiling: 404 with an empty body on every profiling route', async () => {
    const url = await start(false, true);
    const res = await flame(url, `project=${BACKEND}`);
    assert.equal(res.status, 404);
    assert.equal(await res.text(), '');
    const raw = await fetch(
      `${url}/api/0/projects/acme-shop/shop-backend/profiling/profiles/${'0'.repeat(32)}/`,
      { headers: AUTH },
    );
    assert.equal(raw.status, 404);
    // Spans still work.
    const spans = await fetch(
      `${url}/api/0/organizations/acme-shop/events/?dataset=spans&field=count()&statsPeriod=24h`,
      { headers: AUTH },
    );
    assert.equal(spans.status, 200);
  });
});
