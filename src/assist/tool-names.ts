// How VS Code names our tools. Tool names are global across extensions there, so each carries
// the extension's prefix (`hotspotLens_hotspots`); MCP clients see the bare name (`hotspots`).
// Import-free on purpose: the editor reads it at activation without loading the tools.

export const VSCODE_TOOL_PREFIX = 'hotspotLens_';

export const vscodeToolName = (name: string): string => `${VSCODE_TOOL_PREFIX}${name}`;

/** The registry name of a VS Code tool name, or undefined when it is not one of ours. */
export function assistToolName(vscodeName: string): string | undefined {
  return vscodeName.startsWith(VSCODE_TOOL_PREFIX)
    ? vscodeName.slice(VSCODE_TOOL_PREFIX.length)
    : undefined;
}
