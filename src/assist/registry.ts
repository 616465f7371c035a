// The tool table both front doors serve, and the one entry point that validates and runs a call.
import type { AssistHost } from './host';
import { captureTool } from './tools/capture';
import { compareTool } from './tools/compare';
import { hotspotsTool } from './tools/hotspots';
import { lineBreakdownTool } from './tools/line-breakdown';
import { slowestSpansTool } from './tools/slowest-spans';
import type { AssistTool, ToolResult } from './types';
import { validateArgs } from './validate';

export const ASSIST_TOOLS: readonly AssistTool[] = [
  hotspotsTool,
  lineBreakdownTool,
  slowestSpansTool,
  compareTool,
  captureTool,
];

/** A call naming no tool of ours: a protocol error (JSON-RPC -32602 in MCP), not a tool error. */
export class UnknownToolError extends Error {
  constructor(readonly tool: string) {
    super(`unknown tool '${tool}'; the tools are ${ASSIST_TOOLS.map((t) => t.name).join(', ')}`);
    this.name = 'UnknownToolError';
  }
}

export function findTool(name: string): AssistTool | undefined {
  return ASSIST_TOOLS.find((t) => t.name === name);
}

export async function callTool(
  host: AssistHost,
  name: string,
  args: unknown,
  signal?: AbortSignal,
): Promise<ToolResult> {
  const tool = findTool(name);
  if (!tool) throw new UnknownToolError(name);
  return tool.run(validateArgs(name, tool.inputSchema, args), host, signal);
}

/** Text then JSON, the shape both front doors hand to the model. */
export function resultParts(r: ToolResult): [string, string] {
  return [r.text, JSON.stringify(r.data)];
}
