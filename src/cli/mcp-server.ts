// The MCP front door: the assist tools over the official SDK's low-level Server (tools/list and
// tools/call with our own JSON schemas, so the same schema serves VS Code and MCP). A malformed
// call answers a tool error (isError) with the reason; an unknown tool a JSON-RPC error; the
// token is scrubbed from every answer.
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import {
  CallToolRequestSchema,
  ErrorCode,
  ListToolsRequestSchema,
  McpError,
  type CallToolResult,
} from '@modelcontextprotocol/sdk/types.js';
import { version } from '../../package.json';
import type { AssistHost } from '../assist/host';
import { ASSIST_TOOLS, callTool, resultParts, UnknownToolError } from '../assist/registry';
import { ToolError } from '../assist/types';
import { SentryError } from '../sentry/errors';
import { redact } from '../sentry/errors';

/** capture needs a user who can confirm the run; an MCP stdio server has no such prompt. */
const MCP_TOOLS = ASSIST_TOOLS.filter((t) => !t.sideEffects);

export function createMcpServer(host: AssistHost, secret?: string): Server {
  const server = new Server(
    { name: 'hotspot-lens', version },
    {
      capabilities: { tools: {} },
      instructions:
        'Hotspot Lens answers from CPU profiles and Sentry span latency of this workspace. ' +
        'Start with hotspots; then line_breakdown on a function, compare against a baseline, ' +
        'slowest_spans for production traces.',
    },
  );
  const scrub = (text: string) => redact(text, secret);

  server.setRequestHandler(ListToolsRequestSchema, async () => ({
    tools: MCP_TOOLS.map((t) => ({
      name: t.name,
      title: t.title,
      description: t.description,
      inputSchema: t.inputSchema as unknown as { type: 'object' },
      annotations: {
        title: t.title,
        readOnlyHint: true,
        openWorldHint: t.name === 'slowest_spans',
      },
    })),
  }));

  server.setRequestHandler(CallToolRequestSchema, async (req, extra): Promise<CallToolResult> => {
    const { name, arguments: args } = req.params;
    try {
      if (name === 'capture') throw new ToolError(captureRefusal);
      const result = await callTool(host, name, args ?? {}, extra.signal);
      const [text, json] = resultParts(result);
      return {
        content: [
          { type: 'text', text: scrub(text) },
          { type: 'text', text: scrub(json) },
        ],
      };
    } catch (err) {
      if (err instanceof UnknownToolError) throw new McpError(ErrorCode.InvalidParams, err.message);
      const message =
        err instanceof ToolError
          ? err.message
          : err instanceof SentryError
            ? `Sentry: ${err.message}`
            : `${name} failed: ${(err as Error).message ?? String(err)}`;
      if (!(err instanceof ToolError || err instanceof SentryError))
        process.stderr.write(`hotspot-lens mcp: ${scrub((err as Error).stack ?? String(err))}\n`);
      return { isError: true, content: [{ type: 'text', text: scrub(message) }] };
    }
  });
  return server;
}

const captureRefusal =
  'capture is not offered by the MCP server: recording runs py-spy on this machine, which needs ' +
  "the user's confirmation; use the Hotspot Lens capture tool in VS Code, or run " +
  '`hotspot-lens record` yourself and pass the file to hotspots as profile.';
