// `hotspot-lens mcp`: a stdio MCP server (Claude Code, Cursor, VS Code, Copilot CLI) answering
// the assist tools for one workspace root. Protocol on stdout, diagnostics on stderr. The Sentry
// token comes from SENTRY_AUTH_TOKEN only, never from the command line.
import { resolve as resolvePath } from 'path';
import { ProfileCatalog } from '../assist/profile-catalog';
import type { AssistHost } from '../assist/host';
import { ClientSentrySource } from '../assist/sentry-source';
import { ToolError } from '../assist/types';
import { Workspace } from '../assist/workspace';
import { SentryClient } from '../sentry/client';
import { SentryError } from '../sentry/errors';
import { isValidPeriod } from '../sentry/period';
import { optionsCommand, parseMapping } from './args';
import { InputError, UsageError, type CliCommand } from './command';
import { listWorkspaceFiles } from './workspace-files';

const USAGE = `Usage: hotspot-lens mcp [options]

Runs a Model Context Protocol server on stdin/stdout with the tools hotspots, line_breakdown,
slowest_spans and compare (capture is VS Code only: it needs the user's confirmation).

Options:
  --root DIR          workspace root: tool paths must lie under it (default: the current folder)
  --profile FILE      a profile to load at start (repeatable; the first is the default profile)
  --baseline FILE     the baseline compare uses when a call names none
  --map FROM=TO       rewrite a recorded path prefix before resolving (repeatable)
  --sentry-url URL    Sentry web address (with --org; token from SENTRY_AUTH_TOKEN)
  --org ORG           Sentry organization slug
  --project P         Sentry project slug or id (repeatable; default: all)
  --environment E     only spans from this environment
  --period P          Sentry time window (default 24h)
  -h, --help          show this help`;

const OPTIONS = {
  root: { type: 'string' },
  profile: { type: 'string', multiple: true },
  baseline: { type: 'string' },
  map: { type: 'string', multiple: true },
  'sentry-url': { type: 'string' },
  org: { type: 'string' },
  project: { type: 'string', multiple: true },
  environment: { type: 'string' },
  period: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function buildMcpHost(values: {
  root?: string;
  profile?: string[];
  baseline?: string;
  map?: string[];
  'sentry-url'?: string;
  org?: string;
  project?: string[];
  environment?: string;
  period?: string;
}): Promise<AssistHost> {
  const root = resolvePath(values.root ?? '.');
  const files = await listWorkspaceFiles(root).catch((err: Error) => {
    throw new InputError(`cannot list --root ${root}: ${err.message}`);
  });
  const workspace = new Workspace(root, files, (values.map ?? []).map(parseMapping));
  const profiles = new ProfileCatalog(workspace);
  const preload = async (file: string) => {
    const abs = resolvePath(file);
    try {
      await profiles.preload(abs);
    } catch (err) {
      throw new InputError((err as ToolError).message);
    }
    return abs;
  };
  const loaded = [];
  for (const f of values.profile ?? []) loaded.push(await preload(f));
  profiles.current = loaded[0];
  if (values.baseline !== undefined) profiles.baseline = await preload(values.baseline);

  const url = values['sentry-url'];
  if ((url === undefined) !== (values.org === undefined))
    throw new UsageError('--sentry-url and --org go together');
  const period = values.period ?? '24h';
  if (!isValidPeriod(period))
    throw new UsageError(`--period expects a value like 30m, 24h, 7d or 2w; got '${period}'`);
  if (url === undefined || values.org === undefined)
    return {
      workspace,
      profiles,
      sentryMissing:
        'Sentry is not configured: start the server with --sentry-url URL --org ORG and the ' +
        'token in SENTRY_AUTH_TOKEN',
    };
  const token = process.env.SENTRY_AUTH_TOKEN?.trim();
  if (!token)
    throw new InputError(
      'SENTRY_AUTH_TOKEN is not set (needed with --sentry-url). Fix: create a User Auth Token ' +
        'with the scopes org:read, project:read and event:read and export it.',
    );
  let client: SentryClient;
  try {
    const warn = (m: string) => void process.stderr.write(`hotspot-lens mcp: ${m}\n`);
    const quiet = () => undefined;
    client = new SentryClient({
      url,
      token,
      log: { debug: quiet, info: quiet, warn, error: quiet },
    });
  } catch (err) {
    if (err instanceof SentryError) throw new InputError(err.message);
    throw err;
  }
  const sentry = new ClientSentrySource(client, {
    org: values.org,
    projects: values.project ?? [],
    environment: values.environment,
    period,
  });
  return { workspace, profiles, sentry };
}

export const mcpCommand: CliCommand = optionsCommand({
  summary: 'run an MCP server (stdio) with the hotspot tools for AI assistants',
  usage: USAGE,
  options: OPTIONS,
  async run({ values, positionals }) {
    if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
    const host = await buildMcpHost(values);
    // Loaded here, not at the top: the SDK (with zod) is ~300 kB of the bundle that the other
    // subcommands never need, so `hotspot-lens summary` does not pay for evaluating it.
    const { createMcpServer } = await import('./mcp-server');
    const { StdioServerTransport } = await import('@modelcontextprotocol/sdk/server/stdio.js');
    const server = createMcpServer(host, process.env.SENTRY_AUTH_TOKEN?.trim());
    const transport = new StdioServerTransport();
    const closed = new Promise<void>((resolve) => {
      transport.onclose = () => resolve();
      process.stdin.once('end', () => resolve());
    });
    await server.connect(transport);
    process.stderr.write(
      `hotspot-lens mcp: serving ${host.workspace.root}` +
        (host.profiles.current
          ? ` (profile ${host.workspace.display(host.profiles.current)})`
          : '') +
        '\n',
    );
    await closed;
    await server.close();
    return 0;
  },
});
