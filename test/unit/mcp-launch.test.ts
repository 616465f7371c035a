// The MCP server VS Code starts for us (src/editor/assist/mcp-provider.ts): the exact command,
// arguments and environment mcpLaunch builds, started by the MCP SDK's own client over stdio,
// against the fake Sentry on 127.0.0.1. The token must travel in the environment only.
import assert from 'node:assert/strict';
import { existsSync } from 'fs';
import { join } from 'path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { mcpLaunch, type McpLaunchInput } from '../../src/editor/assist/mcp-launch';
import { FakeSentry } from '../support/fake-sentry';

const ROOT = join(__dirname, '..', '..', '..');
const DIFF = join(ROOT, 'test', 'fixtures', 'diff');
const TOKEN = 'sntryu_' + '5eed1e55'.repeat(8);

async function start(input: McpLaunchInput): Promise<Client> {
  const launch = mcpLaunch(input);
  const client = new Client({ name: 'hotspot-lens-launch-test', version: '1.0.0' });
  await client.connect(
    new StdioClientTransport({
      command: launch.command,
      args: launch.args,
      env: { PATH: process.env.PATH ?? '', ...launch.env },
      stderr: 'pipe',
    }),
  );
  return client;
}

describe('MCP server definition for VS Code (mcpLaunch)', function () {
  this.timeout(60_000);
  let sentry: FakeSentry;
  const base = {
    execPath: process.execPath,
    extensionPath: ROOT,
    root: DIFF,
    profile: join(DIFF, 'fast.raw.txt'),
    baseline: join(DIFF, 'base.raw.txt'),
  };

  before(async () => {
    if (!existsSync(join(ROOT, 'dist', 'cli.js'))) throw new Error('run npm run build first');
    sentry = await new FakeSentry().start();
  });
  after(() => sentry?.stop());

  it('runs the bundled CLI rooted at the workspace, the token only in the environment', () => {
    const s = { url: 'https://sentry.example', org: 'acme', projects: ['api'], period: '7d' };
    const listed = mcpLaunch({ ...base, sentry: s });
    const started = mcpLaunch({ ...base, sentry: s, token: TOKEN });
    assert.equal(listed.command, process.execPath);
    assert.deepEqual(listed.args.slice(0, 4), [
      join(ROOT, 'dist', 'cli.js'),
      'mcp',
      '--root',
      DIFF,
    ]);
    assert.deepEqual(started.args, listed.args);
    assert.ok(!started.args.join(' ').includes(TOKEN.slice(7)));
    assert.equal(listed.env.SENTRY_AUTH_TOKEN, undefined);
    assert.equal(started.env.SENTRY_AUTH_TOKEN, TOKEN);
    // The editor's runtime is Electron: it runs the CLI as Node only with this set.
    assert.equal(started.env.ELECTRON_RUN_AS_NODE, '1');
  });

  it('starts a server that answers on the loaded profile and its baseline', async () => {
    const client = await start(base);
    try {
      const { tools } = await client.listTools();
      assert.deepEqual(
        tools.map((t) => t.name),
        ['hotspots', 'line_breakdown', 'slowest_spans', 'compare'],
      );
      const r = (await client.callTool({ name: 'compare', arguments: {} })) as CallToolResult;
      assert.ok(!r.isError, JSON.stringify(r.content));
      const data = JSON.parse((r.content[1] as { text: string }).text);
      assert.equal(data.profile, 'fast.raw.txt');
      assert.equal(data.base, 'base.raw.txt');
      assert.equal(data.wins[0].function, 'checksum');
    } finally {
      await client.close();
    }
  });

  it('reaches Sentry with the token from the environment and never answers it', async () => {
    const client = await start({
      ...base,
      sentry: { url: sentry.url, org: 'acme-shop', projects: [], period: '24h' },
      token: TOKEN,
    });
    try {
      const r = (await client.callTool({
        name: 'slowest_spans',
        arguments: { function: 'compute_report', limit: 2 },
      })) as CallToolResult;
      const text = JSON.stringify(r.content);
      assert.ok(!r.isError, text);
      assert.equal(JSON.parse((r.content[1] as { text: string }).text).spans.length, 2);
      assert.ok(sentry.requests.some((q) => q.headers.authorization === `Bearer ${TOKEN}`));
      assert.ok(!text.includes(TOKEN.slice(7)));
    } finally {
      await client.close();
    }
  });
});
