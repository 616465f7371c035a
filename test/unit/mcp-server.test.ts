// The MCP server as a client sees it: the official SDK's Client over StdioClientTransport,
// spawning the real bundle (`node dist/cli.js mcp`), on the recorded py-spy pair and the fake
// Sentry (a real HTTP server answering from recorded Sentry responses). Expected numbers are
// recomputed here from the raw profile text, not taken from our importer.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { FakeSentry } from '../support/fake-sentry';

const ROOT = join(__dirname, '..', '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const DIFF = join(ROOT, 'test', 'fixtures', 'diff');
const TOKEN = 'sntryu_' + 'c0ffee42'.repeat(8);

/** Self samples per function name: the last frame of every py-spy raw line. */
function leafShares(file: string): Map<string, number> {
  const counts = new Map<string, number>();
  let total = 0;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const m = /^(.*) (\d+)$/.exec(line);
    if (!m) continue;
    const n = Number(m[2]);
    total += n;
    const leaf = m[1].split(';').pop()!.trim();
    if (leaf === '') continue;
    const name = leaf.replace(/ \(.*\)$/, '');
    counts.set(name, (counts.get(name) ?? 0) + n);
  }
  return new Map([...counts].map(([k, v]) => [k, (100 * v) / total]));
}

async function connect(args: string[], env: Record<string, string> = {}): Promise<Client> {
  const client = new Client({ name: 'hotspot-lens-test', version: '1.0.0' });
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [CLI, 'mcp', ...args],
    env: { PATH: process.env.PATH ?? '', ...env },
    stderr: 'pipe',
  });
  await client.connect(transport);
  return client;
}

function texts(r: CallToolResult): string[] {
  return r.content.map((c) => (c.type === 'text' ? c.text : ''));
}

async function call(client: Client, name: string, args: Record<string, unknown>) {
  const r = (await client.callTool({ name, arguments: args })) as CallToolResult;
  const [text, json] = texts(r);
  return { r, text, data: r.isError ? undefined : JSON.parse(json) };
}

describe('hotspot-lens mcp (SDK client over stdio)', function () {
  this.timeout(60_000);
  let client: Client;

  before(async function () {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first`);
    client = await connect(['--root', DIFF, '--profile', join(DIFF, 'base.raw.txt')]);
  });
  after(() => client?.close());

  it('lists the four read-only tools with their schemas (capture is VS Code only)', async () => {
    const { tools } = await client.listTools();
    assert.deepEqual(
      tools.map((t) => t.name),
      ['hotspots', 'line_breakdown', 'slowest_spans', 'compare'],
    );
    for (const t of tools) {
      assert.equal(t.inputSchema.type, 'object');
      assert.ok(t.description && t.description.length > 40, t.name);
      assert.equal(t.annotations?.readOnlyHint, true);
    }
  });

  it('hotspots: the hottest function of the recorded profile first, shares as in the raw file', async () => {
    const expected = leafShares(join(DIFF, 'base.raw.txt'));
    const hottest = [...expected].sort((a, b) => b[1] - a[1])[0];
    const { r, text, data } = await call(client, 'hotspots', { limit: 3 });
    assert.ok(!r.isError, text);
    assert.equal(data.functions.length, 3);
    const first = data.functions[0];
    assert.equal(first.function, hottest[0]);
    assert.ok(Math.abs(first.selfPct - hottest[1]) < 0.01, `${first.selfPct} vs ${hottest[1]}`);
    for (const f of data.functions)
      assert.ok(Math.abs(f.selfPct - (expected.get(f.function) ?? 0)) < 0.01, f.function);
    // Relative to the root, on the def line of the source file.
    const src = readFileSync(join(DIFF, 'workload.py'), 'utf8').split('\n');
    assert.equal(first.file, 'workload.py');
    assert.match(src[first.line - 1], new RegExp(`^\\s*def ${first.function}\\(`));
    assert.match(
      text.split('\n')[1],
      new RegExp(`^1\\. ${first.function} — workload\\.py:${first.line}`),
    );
  });

  it('line_breakdown: hot lines, callers and callees of a function, by name or file:line', async () => {
    const byName = await call(client, 'line_breakdown', { function: 'parse_rows' });
    assert.ok(!byName.r.isError, byName.text);
    assert.equal(byName.data.function, 'parse_rows');
    assert.deepEqual(
      byName.data.callers.map((c: { function: string }) => c.function),
      ['main'],
    );
    assert.equal(byName.data.callers[0].ofFunctionPct, 100);
    assert.ok(
      byName.data.callees.some(
        (c: { function: string }) => c.function === 'parse_rows.<locals>.<listcomp>',
      ),
    );
    assert.ok(byName.data.hotLines.length >= 2);
    const byLine = await call(client, 'line_breakdown', {
      file: 'workload.py',
      line: byName.data.hotLines[0].line,
    });
    assert.ok(!byLine.r.isError, byLine.text);
    assert.match(byLine.data.function, /parse_rows/);
  });

  it('compare: names the optimised function (checksum) as the biggest win', async () => {
    const { r, text, data } = await call(client, 'compare', {
      base: 'base.raw.txt',
      profile: 'fast.raw.txt',
      limit: 5,
    });
    assert.ok(!r.isError, text);
    const base = leafShares(join(DIFF, 'base.raw.txt'));
    const fast = leafShares(join(DIFF, 'fast.raw.txt'));
    assert.equal(data.wins[0].function, 'checksum');
    const delta = (fast.get('checksum') ?? 0) - (base.get('checksum') ?? 0);
    assert.ok(
      Math.abs(data.wins[0].deltaPts - delta) < 0.01,
      `${data.wins[0].deltaPts} vs ${delta}`,
    );
    assert.match(text, /Biggest wins:\n {2}checksum \(workload\.py\) −50\.5 pts/);
  });

  it('answers malformed calls with a clear error and keeps serving', async () => {
    await assert.rejects(
      client.callTool({ name: 'no_such_tool', arguments: {} }),
      (err: Error & { code?: number }) =>
        err.code === -32602 && /unknown tool 'no_such_tool'/.test(err.message),
    );
    const cases: [string, Record<string, unknown>, RegExp][] = [
      ['line_breakdown', {}, /pass 'function' \(a name from hotspots\), or 'file' and 'line'/],
      ['hotspots', { limit: 'ten' }, /argument 'limit' must be a whole number/],
      ['hotspots', { colour: 'red' }, /unknown argument 'colour'/],
      ['hotspots', { profile: 'nope.raw.txt' }, /nope\.raw\.txt: no such file/],
      ['hotspots', { profile: '../../../package.json' }, /outside the workspace root/],
      ['hotspots', { profile: '/etc/passwd' }, /outside the workspace root/],
      ['hotspots', { profile: 'workload.py' }, /workload\.py: /],
      ['compare', {}, /no baseline: pass 'base'/],
      [
        'slowest_spans',
        { function: 'x' },
        /Sentry is not configured: start the server with --sentry-url/,
      ],
      ['capture', { pid: 1 }, /capture is not offered by the MCP server/],
    ];
    for (const [name, args, message] of cases) {
      const { r, text } = await call(client, name, args);
      assert.equal(r.isError, true, `${name} ${JSON.stringify(args)}`);
      assert.match(text, message);
    }
    const after = await call(client, 'hotspots', { limit: 1 });
    assert.ok(!after.r.isError);
    assert.equal(after.data.functions.length, 1);
  });
});

describe('hotspot-lens mcp with Sentry (fake Sentry on 127.0.0.1)', function () {
  this.timeout(60_000);
  let server: FakeSentry;
  let client: Client;

  before(async () => {
    server = await new FakeSentry().start();
    client = await connect(
      [
        '--root',
        DIFF,
        '--profile',
        join(DIFF, 'base.raw.txt'),
        '--sentry-url',
        server.url,
        '--org',
        'acme-shop',
      ],
      { SENTRY_AUTH_TOKEN: TOKEN },
    );
  });
  after(async () => {
    await client?.close();
    await server?.stop();
  });

  it('slowest_spans: the slowest example spans with trace ids and links, token in no output', async () => {
    const samples = JSON.parse(
      readFileSync(join(ROOT, 'test/fixtures/sentry/events.spans.samples.json'), 'utf8'),
    ).data as { trace: string; 'span.duration': number }[];
    const { r, text, data } = await call(client, 'slowest_spans', {
      function: 'compute_report',
      limit: 3,
    });
    assert.ok(!r.isError, text);
    assert.match(data.function, /(^|\.)compute_report$/);
    const slowest = [...samples].sort((a, b) => b['span.duration'] - a['span.duration']);
    assert.deepEqual(
      data.spans.map((s: { traceId: string }) => s.traceId),
      slowest.slice(0, 3).map((s) => s.trace),
    );
    assert.ok(data.spans[0].url.startsWith(`${server.url}/organizations/acme-shop/`));
    assert.match(text, new RegExp(`trace ${slowest[0].trace}`));
    // The request carried the token; nothing we answered does.
    assert.ok(server.requests.some((q) => q.headers.authorization === `Bearer ${TOKEN}`));
    const outputs = [text, JSON.stringify(data)];
    for (const [name, args] of [
      ['hotspots', {}],
      ['line_breakdown', { function: 'checksum' }],
      ['slowest_spans', { function: 'no_such_function' }],
    ] as const) {
      const res = (await client.callTool({ name, arguments: args })) as CallToolResult;
      outputs.push(...texts(res));
    }
    for (const o of outputs) assert.ok(!o.includes(TOKEN) && !o.includes(TOKEN.slice(7)));
  });
});
