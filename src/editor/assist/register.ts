// Front door 1: the assist tools (src/assist) as VS Code language-model tools, for Copilot Chat's
// agent mode and any extension calling vscode.lm.invokeTool. The names, descriptions and schemas
// are package.json's `contributes.languageModelTools` (kept equal to the tool table by
// test/unit/lm-tools-manifest.test.ts); only the names are read here. The tool code and its
// host load on the first call, so activation registers five names and nothing else.
import * as vscode from 'vscode';
import { assistToolName } from '../../assist/tool-names';
import type { EditorContext } from '../ctx';
import { prepareCapture } from './capture-confirm';
import type { EditorAssistHost, EditorParts } from './editor-host';

interface ToolContribution {
  readonly name: string;
  readonly displayName?: string;
}

/** What the integration tests read: the registered names and the capture confirmation. */
export interface AssistApi {
  /** VS Code names of the registered tools (`hotspotLens_hotspots`, …). */
  readonly tools: readonly string[];
  /** What prepareInvocation answers for a call (the confirmation a user would see). */
  prepare(vscodeName: string, input: unknown): vscode.PreparedToolInvocation | undefined;
}

/**
 * Registers every contributed tool. Undefined on a host without the language-model tool API
 * (VS Code before 1.95, other editors): the extension activates and works without it.
 */
export function registerAssist(ctx: EditorContext, parts: EditorParts): AssistApi | undefined {
  const lm = vscode.lm as Partial<typeof vscode.lm> | undefined;
  if (typeof lm?.registerTool !== 'function') {
    ctx.log.info(`VS Code ${vscode.version} has no language-model tool API; no assistant tools`);
    return undefined;
  }
  const contributed =
    (ctx.extension.extension.packageJSON as { contributes?: { languageModelTools?: unknown } })
      .contributes?.languageModelTools ?? [];
  const tools = (Array.isArray(contributed) ? contributed : []) as ToolContribution[];

  let editorHost: Promise<EditorAssistHost> | undefined;
  const load = () => import('./run-tool');
  const prepare = (t: ToolContribution, input: unknown): vscode.PreparedToolInvocation =>
    assistToolName(t.name) === 'capture'
      ? prepareCapture(input)
      : { invocationMessage: `Hotspot Lens: ${t.displayName ?? t.name}` };

  for (const t of tools) {
    const name = assistToolName(t.name);
    if (name === undefined) continue;
    const tool: vscode.LanguageModelTool<unknown> = {
      prepareInvocation: (options) => prepare(t, options.input),
      invoke: async (options, token) => {
        const m = await load();
        editorHost ??= Promise.resolve(m.createHost(ctx, parts));
        return m.runTool(await editorHost, ctx.log, name, options.input, token);
      },
    };
    ctx.extension.subscriptions.push(lm.registerTool(t.name, tool));
  }
  const names = tools.map((t) => t.name);
  return {
    tools: names,
    prepare: (vscodeName, input) => {
      const t = tools.find((x) => x.name === vscodeName);
      return t && prepare(t, input);
    },
  };
}
