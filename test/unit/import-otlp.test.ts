import assert from 'node:assert/strict';
import { spawnSync } from 'child_process';
import { readFileSync } from 'fs';
import { join } from 'path';
import { ImportError } from '../../src/core/errors';
import { importProfile, importProfileFile } from '../../src/core/import/index';
import { otlpImporter } from '../../src/core/import/otlp';
import type { Profile } from '../../src/core/model';
import { bytesSource } from '../../src/core/source';
import { buildCli, cliJson, REPO } from './cli-support';

// OTLP profiles fixtures written by the official generated code (test/fixtures/profiles/otlp,
// PyPI opentelemetry-proto 1.45.2), checked against an independent decode of the same file by
// that same official code (test/support/otlp-oracle.py).
const DIR = join(REPO, 'test/fixtures/profiles/otlp');
const ORACLE = join(REPO, 'test/support/otlp-oracle.py');
const FIXTURES = ['ebpf-like.pb', 'ebpf-like.pb.gz', 'ebpf-like.json'];

interface Oracle {
  attributes: Record<string, string>;
  samples: number;
  values: { type: string; unit: string; total: number }[];
  leafSelf: Record<string, number>[];
}

/** The oracle's answer, or undefined (printing why) when opentelemetry-proto is missing. */
function oracle(file: string): Oracle | undefined {
  const r = spawnSync('python3', [ORACLE, file], { encoding: 'utf8' });
  if (r.error || r.status === 3) {
    console.log(
      `      skipped: ${r.error?.message ?? r.stderr.trim()} (pip install opentelemetry-proto)`,
    );
    return undefined;
  }
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as Oracle;
}

interface Row {
  name: string;
  file: string | null;
  line: number | null;
  self: number;
}

/** Summary rows folded to the oracle's `name\tfile\tline` keys (rows with self weight only). */
function leafSelf(rows: Row[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of rows) {
    if (r.self === 0) continue;
    const key = `${r.name}\t${r.file ?? ''}\t${r.line ?? ''}`;
    out[key] = (out[key] ?? 0) + r.self;
  }
  return out;
}

async function refusal(bytes: Uint8Array, name: string): Promise<ImportError> {
  try {
    await importProfile(bytesSource(name, bytes));
  } catch (err) {
    assert.ok(err instanceof ImportError, String(err));
    return err;
  }
  assert.fail('the import did not fail');
}

describe('OTLP profiles importer: against the official generated code', function () {
  this.timeout(120000);
  before(buildCli);

  for (const name of FIXTURES) {
    it(`hotspot-lens summary ${name}: samples, totals and leaf frames per sample type`, async function () {
      const file = join(DIR, name);
      const want = oracle(file);
      if (!want) return this.skip();
      for (let v = 0; v < want.values.length; v++) {
        const s = await cliJson('summary', file, '--top', '0', '--value', String(v));
        assert.equal(s.format, 'otlp');
        assert.equal(s.samples, want.samples);
        assert.deepEqual(s.values, want.values);
        assert.deepEqual(s.attributes, want.attributes, 'resource and scope attributes');
        assert.deepEqual(
          leafSelf(s.top),
          want.leafSelf[v],
          `leaf self weights of ${want.values[v].type}`,
        );
      }
    });
  }
});

describe('OTLP profiles importer: model', () => {
  let pb: Profile;
  before(async () => {
    pb = await importProfileFile(join(DIR, 'ebpf-like.pb'));
  });

  it('reads protobuf, gzip and JSON of one request into the same profile', async () => {
    for (const name of ['ebpf-like.pb.gz', 'ebpf-like.json']) {
      const p = await importProfileFile(join(DIR, name));
      assert.deepEqual(p.frames, pb.frames, name);
      assert.deepEqual(p.threads, pb.threads, name);
      assert.deepEqual(p.totals, pb.totals, name);
      assert.deepEqual([...p.nodeSelf[0]], [...pb.nodeSelf[0]], name);
    }
  });

  it('types frames by profile.frame.type and names unsymbolized ones by address and mapping', () => {
    const kind = (name: string) => pb.frames.find((f) => f.name === name)?.kind;
    assert.equal(kind('compute_report'), 'python');
    assert.equal(kind('do_syscall_64'), 'kernel');
    assert.equal(kind('crypto/sha256.block'), 'native');
    const unsymbolized = pb.frames.find((f) => f.name.startsWith('0x7f3a1012abcd'));
    assert.deepEqual(unsymbolized, {
      name: '0x7f3a1012abcd (/usr/lib/x86_64-linux-gnu/libpython3.11.so.1.0)',
      module: '/usr/lib/x86_64-linux-gnu/libpython3.11.so.1.0',
      kind: 'native',
    });
    // Location with two lines: memmove inlined into memcpy.
    const inlined = pb.frames.find((f) => f.name === '__memmove_avx_unaligned_erms');
    assert.equal(inlined?.inlined, true);
    assert.equal(pb.frames.find((f) => f.name === 'memcpy')?.inlined, undefined);
  });

  it('keeps resources and thread attributes as threads, the scope as the tool', () => {
    const names = pb.threads.map((t) => t.name).sort();
    assert.deepEqual(names, [
      'order-server 977/977 @prod-7',
      'order-server 977/981 @prod-7',
      'report-api 4242/4242 "python3" @c0ffee012345',
      'report-api 4242/4250 "worker-1" @c0ffee012345',
    ]);
    const worker = pb.threads.find((t) => t.name.includes('worker-1'));
    assert.equal(worker?.pid, 4242);
    assert.equal(worker?.tid, 4250);
    assert.equal(pb.meta.tool, 'go.opentelemetry.io/ebpf-profiler@v0.0.202547');
    assert.equal(pb.meta.startTimeNanos, 1_765_000_000_000_000_000);
  });
});

describe('OTLP profiles importer: bad input', () => {
  const pbBytes = readFileSync(join(DIR, 'ebpf-like.pb'));

  it('refuses the v1.7.0 layout (official Go code) naming the version and the next step', async () => {
    const err = await refusal(readFileSync(join(DIR, 'old-layout-v1.7.0.pb')), 'old.pb');
    assert.equal(err.format, 'otlp');
    assert.match(err.message, /older OTLP profiles layout/);
    assert.match(err.message, /opentelemetry-proto v1\.7\.0 or earlier/);
    assert.match(err.message, /Re-export the profile .* or convert it to pprof/);
    assert.ok(err.position?.offset !== undefined);
  });

  it('refuses the old JSON layout (repeated sampleType, locationIndices)', async () => {
    const json = JSON.parse(readFileSync(join(DIR, 'ebpf-like.json'), 'utf8'));
    const profile = json.resourceProfiles[0].scopeProfiles[0].profiles[0];
    profile.sampleType = [profile.sampleType];
    const err = await refusal(Buffer.from(JSON.stringify(json)), 'old.json');
    assert.match(err.message, /older OTLP profiles layout.*sampleType is a list/);
  });

  it('reports a truncated request with the byte offset', async () => {
    for (const cut of [100, 1000, pbBytes.length - 3]) {
      const err = await refusal(pbBytes.subarray(0, cut), 'cut.pb');
      assert.equal(err.format, 'otlp', `cut at ${cut}: ${err.message}`);
      assert.match(err.message, /truncated/);
      assert.ok(err.position!.offset! <= cut);
    }
  });

  it('reports a truncated gzip body', async () => {
    const gz = readFileSync(join(DIR, 'ebpf-like.pb.gz'));
    const err = await refusal(gz.subarray(0, gz.length - 20), 'cut.pb.gz');
    assert.equal(err.format, 'otlp');
    assert.match(err.message, /gzip data ends early/);
  });

  it('reports wrong wire types as corruption, with the offset', async () => {
    // ResourceProfiles{ ScopeProfiles{ Profile{ sample_type{}, Sample{ field 1 as fixed32 } } } },
    // then a dictionary whose function_table entry (field 3) is a varint.
    const len = (field: number, bytes: number[]) => [(field << 3) | 2, bytes.length, ...bytes];
    const sample = [(1 << 3) | 5, 1, 0, 0, 0];
    const request = Buffer.from([
      ...len(1, len(2, len(2, [...len(1, []), ...len(2, sample)]))),
      ...len(2, len(5, [])),
    ]);
    const err = await refusal(request, 'wire.pb');
    assert.equal(err.format, 'otlp');
    assert.match(err.message, /Sample field 1 is wire type 5|Sample field 1 is fixed32|corrupt/);
    const dict = Buffer.from([...len(1, len(2, [])), ...len(2, [...len(5, []), (3 << 3) | 0, 1])]);
    const err2 = await refusal(dict, 'wire2.pb');
    assert.match(err2.message, /ProfilesDictionary field 3 is varint.*corrupt/);
  });

  it('reports a sample naming an unknown stack, and a stack naming an unknown location', async () => {
    const stack = await refusal(readFileSync(join(DIR, 'bad-unknown-stack.pb')), 's.pb');
    assert.match(stack.message, /refers to stack 999, but stack_table has \d+ entries/);
    assert.match(stack.message, /re-export it/);
    assert.ok(stack.position?.offset !== undefined);
    const loc = await refusal(readFileSync(join(DIR, 'bad-unknown-location.pb')), 'l.pb');
    assert.match(loc.message, /refers to location 777, but location_table has \d+ entries/);
  });

  it('leaves pprof files to the pprof importer', async () => {
    const pprof = readFileSync(
      join(REPO, 'test/fixtures/profiles/pprof-own-go/go-simple.cpu.pb.gz'),
    );
    assert.equal(await otlpImporter.importProfile(bytesSource('go.pb.gz', pprof), {}), null);
    const p = await importProfile(bytesSource('go.pb.gz', pprof));
    assert.equal(p.meta.format, 'pprof');
  });

  it('refuses a request without profiles, naming the next step', async () => {
    const err = await refusal(Buffer.from('{"resourceProfiles": []}'), 'empty.json');
    assert.match(err.message, /holds no Profile.*Check that the exporter sent profiles/);
  });
});
