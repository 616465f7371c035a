// How the editor starts `hotspot-lens mcp` for VS Code's MCP support: the CLI bundled in the
// extension, run by the editor's own runtime (Electron as Node), rooted at the workspace folder,
// on the profile and Sentry settings the editor has. The Sentry token goes in the environment
// only (SENTRY_AUTH_TOKEN), never in the arguments, which VS Code shows and logs. No vscode
// import: the unit test starts exactly this command with the MCP SDK's client.
import { join } from 'path';

export const MCP_PROVIDER_ID = 'hotspotLens.mcp';

export interface McpLaunchInput {
  /** The runtime to run the CLI with (the extension host's process.execPath). */
  readonly execPath: string;
  readonly extensionPath: string;
  readonly root: string;
  /** The loaded profile and its baseline, as absolute paths. */
  readonly profile?: string;
  readonly baseline?: string;
  /** Sentry as configured in the editor (give it only when a token exists: the CLI needs one). */
  readonly sentry?: {
    readonly url: string;
    readonly org: string;
    readonly projects: readonly string[];
    readonly environment?: string;
    readonly period: string;
  };
  /** Added when VS Code starts the server (resolveMcpServerDefinition), not when listing it. */
  readonly token?: string;
}

export interface McpLaunch {
  readonly command: string;
  readonly args: string[];
  readonly env: Record<string, string>;
}

export function mcpLaunch(i: McpLaunchInput): McpLaunch {
  const args = [join(i.extensionPath, 'dist', 'cli.js'), 'mcp', '--root', i.root];
  if (i.profile) args.push('--profile', i.profile);
  if (i.baseline) args.push('--baseline', i.baseline);
  const env: Record<string, string> = { ELECTRON_RUN_AS_NODE: '1' };
  if (i.sentry) {
    const s = i.sentry;
    args.push('--sentry-url', s.url, '--org', s.org, '--period', s.period);
    for (const p of s.projects) args.push('--project', p);
    if (s.environment) args.push('--environment', s.environment);
  }
  if (i.token) env.SENTRY_AUTH_TOKEN = i.token;
  return { command: i.execPath, args, env };
}
