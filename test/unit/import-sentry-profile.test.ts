import assert from 'node:assert/strict';
import { readFileSync } from 'fs';
import { join } from 'path';
import { ImportError } from '../../src/core/errors';
import { importProfile, importProfileFile } from '../../src/core/import/index';
import { toFlameData } from '../../src/core/layout/flame-data';
import { bytesSource } from '../../src/core/source';
import { buildCli, cliJson, REPO } from './cli-support';

// Real Sentry profiles (test/fixtures/profiles/sentry: items taken out of the demo/recorded
// envelopes that sentry-sdk 2.76 and @sentry/profiling-node sent, and a flamegraph response
// of tools/local-sentry), checked through the real CLI against an aggregation written here
// over the raw JSON: per-thread sample gaps for the durations, leaf frames for self.
const DIR = join(REPO, 'test/fixtures/profiles/sentry');

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const read = (name: string): Json => JSON.parse(readFileSync(join(DIR, name), 'utf8')) as Json;

interface Expected {
  samples: number;
  wallNs: number;
  threads: number;
  /** `name\tfile\tline` → [samples, wall ns] of samples whose leaf is that frame. */
  self: Map<string, [number, number]>;
}

function frameKey(f: Json): string {
  const name = f.function || '<anonymous>';
  return `${name}\t${f.abs_path || f.filename || ''}\t${f.lineno > 0 ? f.lineno : ''}`;
}

/** Sample format v1/v2: a sample lasts until its thread's next sample; the last lasts 0. */
function oracleSamples(json: Json): Expected {
  const p = json.profile;
  const time = (s: Json): number =>
    json.version === '1' ? Number(BigInt(s.elapsed_since_start_ns)) : s.timestamp;
  const byThread = new Map<string, Json[]>();
  for (const s of p.samples as Json[]) {
    const list = byThread.get(String(s.thread_id)) ?? [];
    list.push(s);
    byThread.set(String(s.thread_id), list);
  }
  const self = new Map<string, [number, number]>();
  let wallNs = 0;
  for (const list of byThread.values()) {
    list.sort((a, b) => time(a) - time(b));
    list.forEach((s, i) => {
      const next = list[i + 1];
      const gap =
        next === undefined
          ? 0
          : json.version === '1'
            ? time(next) - time(s)
            : Math.round((time(next) - time(s)) * 1e9);
      wallNs += gap;
      const stack = p.stacks[s.stack_id] as number[];
      if (stack.length === 0) return;
      const key = frameKey(p.frames[stack[0]]); // leaf first
      const have = self.get(key) ?? [0, 0];
      self.set(key, [have[0] + 1, have[1] + gap]);
    });
  }
  return { samples: p.samples.length, wallNs, threads: byThread.size, self };
}

/** The flamegraph: weights count samples of the (root-first) stack, durations their time. */
function oracleFlamegraph(json: Json): Expected {
  const frames = json.shared.frames as Json[];
  const self = new Map<string, [number, number]>();
  let samples = 0;
  let wallNs = 0;
  for (const prof of json.profiles as Json[]) {
    (prof.samples as number[][]).forEach((stack, i) => {
      const f = frames[stack[stack.length - 1]];
      const key = `${f.name || '<anonymous>'}\t${f.path || f.file || ''}\t${f.line ?? ''}`;
      const have = self.get(key) ?? [0, 0];
      const n = prof.sample_counts[i] as number;
      const ns = prof.sample_durations_ns[i] as number;
      self.set(key, [have[0] + n, have[1] + ns]);
      samples += n;
      wallNs += ns;
    });
  }
  return { samples, wallNs, threads: json.profiles.length, self };
}

interface Row {
  name: string;
  file: string | null;
  line: number | null;
  self: number;
}

/** Summary rows by frame, merged by name/file/line (Node frames also differ by column). */
function selfByKey(rows: Row[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of rows) {
    if (r.self === 0) continue;
    const key = `${r.name}\t${r.file ?? ''}\t${r.line ?? ''}`;
    out.set(key, (out.get(key) ?? 0) + r.self);
  }
  return out;
}

function close(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(b));
}

function assertSelf(got: Map<string, number>, want: Map<string, [number, number]>, v: 0 | 1) {
  const expected = [...want].filter(([, w]) => w[v] > 0);
  assert.equal(got.size, expected.length, 'the same frames have self weight');
  for (const [key, w] of expected) {
    const g = got.get(key);
    assert.ok(g !== undefined && close(g, w[v]), `${key}: got ${g}, want ${w[v]}`);
  }
}

async function refusal(name: string, bytes: string | Buffer): Promise<ImportError> {
  try {
    await importProfile(bytesSource(name, Buffer.from(bytes)));
  } catch (err) {
    assert.ok(err instanceof ImportError, String(err));
    assert.equal(err.format, 'sentry');
    return err;
  }
  assert.fail('the import did not fail');
}

const CASES: Array<[string, (json: Json) => Expected, number]> = [
  ['python-transaction-checkout.json', oracleSamples, 7],
  ['python-profile-chunk.json', oracleSamples, 8],
  ['node-profile-chunk.json', oracleSamples, 1],
  ['flamegraph-shop-backend-24h.json', oracleFlamegraph, 1],
];

describe('Sentry profile importer', function () {
  this.timeout(120000);
  before(buildCli);

  for (const [name, oracle, threads] of CASES) {
    it(`hotspot-lens summary ${name}: samples, wall time and self per frame`, async () => {
      const file = join(DIR, name);
      const want = oracle(read(name));
      assert.equal(want.threads, threads);
      const wall = await cliJson('summary', file, '--top', '0');
      assert.equal(wall.format, 'sentry');
      assert.equal(wall.samples, want.samples);
      assert.equal(wall.values.length, 2);
      assert.deepEqual(wall.values[0], { type: 'samples', unit: 'count', total: want.samples });
      assert.equal(wall.values[1].type, 'wall');
      assert.equal(wall.values[1].unit, 'nanoseconds');
      assert.ok(close(wall.values[1].total, want.wallNs), `${wall.values[1].total} ns`);
      assert.equal(wall.value, 1, 'wall time is the default value');
      assertSelf(selfByKey(wall.top as Row[]), want.self, 1);
      const counts = await cliJson('summary', file, '--top', '0', '--value', 'samples');
      assertSelf(selfByKey(counts.top as Row[]), want.self, 0);
      // The hottest frame is the oracle's.
      const hottest = [...want.self].sort((a, b) => b[1][1] - a[1][1])[0][0];
      const top = (wall.top as Row[])[0];
      assert.equal(`${top.name}\t${top.file ?? ''}\t${top.line ?? ''}`, hottest);
      const p = await importProfileFile(file);
      assert.equal(p.threads.length, threads);
    });
  }

  it('keeps threads, the active thread first, and the time order', async () => {
    const json = read('python-transaction-checkout.json');
    const p = await importProfileFile(join(DIR, 'python-transaction-checkout.json'));
    const active = json.transactions[0].active_thread_id as string;
    assert.equal(
      p.threads[0].name,
      `Thread ${active} "${json.profile.thread_metadata[active].name}" (active)`,
    );
    assert.equal(p.threads[0].tid, Number(active));
    assert.equal(p.timeline?.node.length, json.profile.samples.length);
    assert.equal(p.meta.attributes?.transaction, 'checkout');
    assert.equal(p.meta.attributes?.profile_id, json.event_id);
    const times = p.timeline!.timeNanos;
    for (let i = 1; i < times.length; i++) assert.ok(times[i] >= times[i - 1], 'time order');
  });

  it("keeps Sentry's in_app verdict on frames, and only-my-code uses it", async () => {
    const tx = await importProfileFile(join(DIR, 'python-transaction-checkout.json'));
    const txJson = read('python-transaction-checkout.json');
    for (const f of txJson.profile.frames as Json[]) {
      if (typeof f.in_app !== 'boolean') continue;
      const got = tx.frames.find((g) => g.name === f.function && g.line === f.lineno);
      assert.equal(got?.inApp, f.in_app, f.function);
    }
    assert.equal(tx.frames.find((f) => f.name === 'reserve_stock')?.kind, 'python');
    assert.equal(tx.frames.find((f) => f.name === 'reserve_stock')?.module, 'shopapp.inventory');
    // Frames the Python SDK sent without in_app (the standard library): vroom's rule says no.
    const chunk = await importProfileFile(join(DIR, 'python-profile-chunk.json'));
    assert.equal(chunk.frames.find((f) => f.name === 'Thread.run')?.inApp, false);
    // Node sends no in_app at all: outside node_modules and node: is the app.
    const node = await importProfileFile(join(DIR, 'node-profile-chunk.json'));
    const mine = node.frames.filter((f) => f.inApp);
    assert.ok(mine.length > 0);
    for (const f of mine) assert.doesNotMatch(f.file ?? '', /node_modules|^node:/);
    assert.ok(node.frames.some((f) => /node_modules/.test(f.file ?? '') && f.inApp === false));
    // The flamegraph's is_application, then the webview's "only my code" flags.
    const fg = await importProfileFile(join(DIR, 'flamegraph-shop-backend-24h.json'));
    const fgJson = read('flamegraph-shop-backend-24h.json');
    const apps = (fgJson.shared.frames as Json[]).filter((f) => f.is_application).length;
    assert.equal(fg.frames.filter((f) => f.inApp === true).length, apps);
    const flame = toFlameData(fg, 0, () => true);
    fg.frames.forEach((f, i) => assert.equal(flame.frameInWorkspace[i], f.inApp ? 1 : 0));
  });

  it('refuses broken profiles with the cause and the next step', async () => {
    const text = readFileSync(join(DIR, 'python-transaction-checkout.json'), 'utf8');
    const json = JSON.parse(text) as Json;
    const cut = await refusal('p.json', text.slice(0, 4000));
    assert.match(cut.message, /not valid JSON.*cut short\? Fetch or export it again/);

    const v3 = await refusal('p.json', JSON.stringify({ ...json, version: '3' }));
    assert.match(v3.message, /version "3"; only the sample format "1".*and "2"/);
    const legacy = { ...json };
    delete legacy.version;
    assert.match((await refusal('p.json', JSON.stringify(legacy))).message, /legacy or mobile/);

    const noStacks = { ...json, profile: { ...json.profile } };
    delete noStacks.profile.stacks;
    const missing = await refusal('p.json', JSON.stringify(noStacks));
    assert.match(missing.message, /`profile.stacks` is missing/);
    const badStack = {
      ...json,
      profile: { ...json.profile, samples: [{ ...json.profile.samples[0], stack_id: 99 }] },
    };
    assert.match(
      (await refusal('p.json', JSON.stringify(badStack))).message,
      /samples\[0\]\.stack_id is 99, not a stack index below 10/,
    );
    const noTime = {
      ...json,
      profile: { ...json.profile, samples: [{ thread_id: '1', stack_id: 0 }] },
    };
    assert.match(
      (await refusal('p.json', JSON.stringify(noTime))).message,
      /elapsed_since_start_ns is undefined, not nanoseconds/,
    );

    const noApp = await refusal(
      'n.json',
      readFileSync(join(DIR, 'node-profile-chunk-no-app-frames.json')),
    );
    assert.match(noApp.message, /none of its 59 frames is application code/);
    assert.match(noApp.message, /in_app_include/);

    const fg = read('flamegraph-shop-backend-24h.json');
    const empty = {
      ...fg,
      shared: { ...fg.shared, frames: [] },
      profiles: [
        { ...fg.profiles[0], samples: [], weights: [], sample_counts: [], sample_durations_ns: [] },
      ],
    };
    assert.match(
      (await refusal('f.json', JSON.stringify(empty))).message,
      /flamegraph is empty.*Widen the period/,
    );
    const unpaired = { ...fg, profiles: [{ ...fg.profiles[0], weights: [1] }] };
    assert.match(
      (await refusal('f.json', JSON.stringify(unpaired))).message,
      /profiles\[0\] has \d+ samples but 1 weights/,
    );
  });

  it('leaves speedscope files to the speedscope importer', async () => {
    const p = await importProfileFile(
      join(REPO, 'test/fixtures/profiles/speedscope/speedscope-0.6.0-two-sampled.speedscope.json'),
    );
    assert.equal(p.meta.format, 'speedscope');
  });
});
