// Front door 2 inside VS Code: our `hotspot-lens mcp` server offered to VS Code's own MCP support
// (`contributes.mcpServerDefinitionProviders`), so a user needs no mcp.json. The API is stable
// from VS Code 1.101; on older hosts (or with it behind a proposal) nothing is registered and the
// log says so. Declared here rather than through @types/vscode, which stays at engines.vscode.
import * as vscode from 'vscode';
import type { EditorContext } from '../ctx';
import type { SentryData } from '../sentry/data';
import { MCP_PROVIDER_ID, mcpLaunch } from './mcp-launch';

/** The slice of VS Code 1.101's McpStdioServerDefinition we use. */
interface McpStdioDefinition {
  readonly label: string;
  command: string;
  args: string[];
  env: Record<string, string | number | null>;
  cwd?: vscode.Uri;
  version?: string;
}
type McpStdioCtor = new (
  label: string,
  command: string,
  args?: string[],
  env?: Record<string, string | number | null>,
  version?: string,
) => McpStdioDefinition;
interface McpLm {
  registerMcpServerDefinitionProvider(
    id: string,
    provider: {
      readonly onDidChangeMcpServerDefinitions?: vscode.Event<void>;
      provideMcpServerDefinitions(token: vscode.CancellationToken): Promise<McpStdioDefinition[]>;
      resolveMcpServerDefinition?(
        server: McpStdioDefinition,
        token: vscode.CancellationToken,
      ): Promise<McpStdioDefinition | undefined>;
    },
  ): vscode.Disposable;
}

export function registerMcpProvider(ctx: EditorContext, sentry: SentryData | undefined): void {
  const lm = vscode.lm as unknown as Partial<McpLm> | undefined;
  const Definition = (vscode as unknown as { McpStdioServerDefinition?: McpStdioCtor })
    .McpStdioServerDefinition;
  if (typeof lm?.registerMcpServerDefinitionProvider !== 'function' || !Definition) {
    ctx.log.info(
      `VS Code ${vscode.version} has no MCP server provider API (needs 1.101); ` +
        'add `hotspot-lens mcp` to mcp.json instead (README)',
    );
    return;
  }
  const { extension, store, baseline, config } = ctx;
  const changed = new vscode.EventEmitter<void>();
  const fire = () => changed.fire();
  const version = String(extension.extension.packageJSON.version ?? '0.0.0');
  const token = async () => sentry?.auth.token();

  const definition = async (withToken: boolean): Promise<McpStdioDefinition | undefined> => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!folder) return undefined;
    const s = config.settings.sentry;
    const secret = await token();
    const loaded = store.current;
    const launch = mcpLaunch({
      execPath: process.execPath,
      extensionPath: extension.extensionUri.fsPath,
      root: folder.uri.fsPath,
      profile: loaded?.uri.fsPath,
      baseline: baseline.for(loaded)?.baselineUri.fsPath,
      sentry:
        secret && s.organization
          ? {
              url: s.url,
              org: s.organization,
              projects: s.projects,
              environment: s.environment || undefined,
              period: s.period,
            }
          : undefined,
      token: withToken ? secret : undefined,
    });
    const d = new Definition('Hotspot Lens', launch.command, launch.args, launch.env, version);
    d.cwd = folder.uri;
    return d;
  };

  let registration: vscode.Disposable;
  try {
    registration = lm.registerMcpServerDefinitionProvider(MCP_PROVIDER_ID, {
      onDidChangeMcpServerDefinitions: changed.event,
      provideMcpServerDefinitions: async () => {
        const d = await definition(false);
        return d ? [d] : [];
      },
      // The token joins the environment only when VS Code starts the server: the listed
      // definition (which VS Code may show or cache) never holds it.
      resolveMcpServerDefinition: async () => definition(true),
    });
  } catch (err) {
    // VS Code 1.100 has the function behind the mcpConfigurationProvider proposal: it throws.
    changed.dispose();
    ctx.log.info(`MCP server provider not registered: ${(err as Error).message}`);
    return;
  }
  extension.subscriptions.push(
    registration,
    changed,
    store.onDidChange(fire),
    baseline.onDidChange(fire),
    config.onDidChange((e) => e.affects('sentry') && fire()),
    vscode.workspace.onDidChangeWorkspaceFolders(fire),
    ...(sentry ? [sentry.auth.onDidChange(fire)] : []),
  );
}
