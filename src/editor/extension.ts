import * as vscode from 'vscode';
import { registerAssist, type AssistApi } from './assist/register';
import { registerMcpProvider } from './assist/mcp-provider';
import { Command, registerCommandTable, type CommandHandlers } from './command-table';
import { HotspotCodeLensProvider, registerCodeLens } from './code-lens';
import { profileCommands } from './commands';
import { registerCompare, type CompareApi } from './compare/register';
import { registerSentryPeriods } from './compare/sentry-periods';
import type { Config } from './config';
import { createContext } from './ctx';
import { FunctionPlacement } from './function-placement';
import { HeatDecorations, type HeatLine } from './heat';
import { HotspotHoverProvider } from './hover';
import { hotspotCommands } from './hotspot-commands';
import { HOTSPOTS_VIEW, HotspotsTreeProvider, type HotspotNode } from './hotspots-tree';
import { InlineAnnotations } from './inline-annotations';
import { LineTracker } from './line-tracker';
import type { ProfileStore } from './profile-store';
import { registerCapture } from './capture/register';
import { registerFlamegraph } from './flamegraph/register';
import { registerSentry, type SentryApi } from './sentry/register';
import { registerStatusBar } from './status-bar';

/** What `activate` returns: used by the integration tests and by other extensions. */
export interface HotspotLensApi {
  readonly version: string;
  readonly store: ProfileStore;
  readonly config: Config;
  /** Heat drawn now on the visible editors of `uri`, after any pending update ran. */
  heatFor(uri: vscode.Uri): readonly HeatLine[];
  /** Inline annotations drawn now on `uri` (annotations = inline), after a fresh update. */
  inlineFor(uri: vscode.Uri): Promise<readonly { line: number; text: string }[]>;
  /** Root and child nodes of the Hotspots view, as its tree provider returns them. */
  hotspots(node?: HotspotNode): HotspotNode[];
  treeItem(node: HotspotNode): vscode.TreeItem;
  /** The Sentry side (undefined only if it failed to start; the log says why). */
  readonly sentry: SentryApi | undefined;
  /** "Compare With Baseline" state and its heat (undefined only if it failed to start). */
  readonly compare: CompareApi | undefined;
  /** The language-model tools (undefined on a host without the API, or if they failed). */
  readonly assist: AssistApi | undefined;
}

export async function activate(context: vscode.ExtensionContext): Promise<HotspotLensApi> {
  // Where activation time goes, in the log (the e2e budget is 30 ms for all of it).
  const timings: string[] = [];
  let mark = performance.now();
  const lap = (what: string) => {
    const now = performance.now();
    timings.push(`${what} ${(now - mark).toFixed(1)}`);
    mark = now;
  };
  // The shared context first: settings, log, store, function index, comparison states, overlays.
  const ctx = createContext(context);
  lap('context');
  const { log, config, store } = ctx;
  const version = String(context.extension.packageJSON.version ?? '0.0.0');
  log.info(`Hotspot Lens ${version} on VS Code ${vscode.version}`);

  // The profile views: they read the store and draw what the overlays add.
  const tracker = new LineTracker(store);
  const placement = new FunctionPlacement(ctx.functions, tracker);
  const lenses = new HotspotCodeLensProvider(store, config, placement, tracker, ctx.overlay);
  const heat = new HeatDecorations(store, config, tracker, ctx.overlay);
  const inline = new InlineAnnotations(store, config, placement, tracker);
  const tree = new HotspotsTreeProvider(store, ctx.overlay);
  const view = vscode.window.createTreeView(HOTSPOTS_VIEW, {
    treeDataProvider: tree,
    showCollapseAll: true,
  });
  context.subscriptions.push(
    tracker,
    lenses,
    heat,
    inline,
    tree,
    view,
    registerCodeLens(lenses),
    vscode.languages.registerHoverProvider(
      { scheme: 'file' },
      new HotspotHoverProvider(store, config, placement, tracker),
    ),
    store.onDidChange((loaded) => {
      tree.refresh();
      void vscode.commands.executeCommand('setContext', 'hotspotLens.profileLoaded', !!loaded);
    }),
    ...registerStatusBar(store),
  );
  lap('views');

  // The parts: one failing to start must not take the profile views down with it, so each is
  // started on its own and a failure is shown with the log; its commands then say so.
  const failed = new Map<string, string>();
  const start = <T>(part: string, register: () => T): T | undefined => {
    try {
      const started = register();
      lap(part);
      return started;
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      failed.set(part, reason);
      log.error(`The ${part} part failed to start: ${err instanceof Error ? err.stack : err}`);
      void vscode.window
        .showErrorMessage(
          `Hotspot Lens: the ${part} failed to start (${reason}). The profile views still work.`,
          'Show Log',
        )
        .then((choice) => choice && log.show());
      return undefined;
    }
  };
  const flamegraph = start('flamegraph', () => registerFlamegraph(ctx));
  const sentry = start('Sentry integration', () => registerSentry(ctx));
  const periods =
    sentry &&
    start('Sentry period comparison', () => registerSentryPeriods(sentry.data, ctx.periods));
  const capture = start('capture', () => registerCapture(ctx));
  const compare = start('baseline comparison', () => registerCompare(ctx));
  // The assistant tools answer from what the parts above hold (store, baseline, Sentry data).
  const parts = { sentry: sentry?.data, capture: capture?.runner };
  const assist = start('assistant tools', () => registerAssist(ctx, parts));
  start('MCP server provider', () => registerMcpProvider(ctx, sentry?.data));
  if (periods) context.subscriptions.push(...periods.disposables);

  // Every command of the table, once (command-table.ts). A command whose part failed answers why.
  const handlers: CommandHandlers = {
    ...profileCommands(store, config, log),
    ...hotspotCommands({ store, config, placement, tree, view }),
    ...flamegraph,
    ...sentry?.commands,
    ...periods?.commands,
    ...capture?.commands,
    ...compare?.commands,
  };
  context.subscriptions.push(
    ...registerCommandTable(vscode.commands, handlers, (name) => {
      const why = [...failed].map(([part, reason]) => `the ${part} failed to start (${reason})`);
      void vscode.window
        .showErrorMessage(
          `Hotspot Lens: ${Command[name]} is unavailable: ${why.join('; ') || 'its part did not start'}. See the log.`,
          'Show Log',
        )
        .then((choice) => choice && log.show());
    }),
  );

  lap('commands');
  log.info(`Activation (ms): ${timings.join(', ')}`);

  // Reload the profile this workspace had open last time, without holding up activation.
  void store.restore().catch((err) => log.error(`Could not restore the last profile: ${err}`));

  return {
    version,
    store,
    config,
    heatFor: (uri) => {
      heat.refreshNow();
      return heat.heatFor(uri);
    },
    inlineFor: async (uri) => {
      await inline.refreshNow();
      return inline.annotationsFor(uri);
    },
    hotspots: (node) => tree.getChildren(node),
    treeItem: (node) => tree.getTreeItem(node),
    sentry: sentry?.api,
    compare: compare?.api,
    assist,
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
