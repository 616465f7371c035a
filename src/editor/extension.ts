import * as vscode from 'vscode';
import { HotspotCodeLensProvider, registerCodeLens } from './code-lens';
import { registerProfileCommands } from './commands';
import { Config } from './config';
import { FunctionIndex } from './function-index';
import { FunctionPlacement } from './function-placement';
import { HeatDecorations, type HeatLine } from './heat';
import { HotspotHoverProvider } from './hover';
import { registerHotspotCommands } from './hotspot-commands';
import { HOTSPOTS_VIEW, HotspotsTreeProvider, type HotspotNode } from './hotspots-tree';
import { InlineAnnotations } from './inline-annotations';
import { LineTracker } from './line-tracker';
import { ProfileStore } from './profile-store';
import { registerCapture } from './capture/register';
import { registerCompare, type CompareApi } from './compare/register';
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
}

export async function activate(context: vscode.ExtensionContext): Promise<HotspotLensApi> {
  const log = vscode.window.createOutputChannel('Hotspot Lens', { log: true });
  context.subscriptions.push(log);
  const version = String(context.extension.packageJSON.version ?? '0.0.0');
  log.info(`Hotspot Lens ${version} on VS Code ${vscode.version}`);

  const config = new Config();
  const store = new ProfileStore(log, config, context.workspaceState);
  const tracker = new LineTracker(store);
  const functions = new FunctionIndex(log);
  const placement = new FunctionPlacement(functions, tracker);
  const lenses = new HotspotCodeLensProvider(store, config, placement, tracker);
  const heat = new HeatDecorations(store, config, tracker);
  const inline = new InlineAnnotations(store, config, placement, tracker);
  const tree = new HotspotsTreeProvider(store);
  const view = vscode.window.createTreeView(HOTSPOTS_VIEW, {
    treeDataProvider: tree,
    showCollapseAll: true,
  });
  context.subscriptions.push(
    config,
    store,
    tracker,
    functions,
    lenses,
    heat,
    inline,
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
    ...registerProfileCommands(store, config, log),
    ...registerHotspotCommands({ store, config, placement, tree, view }),
    ...registerStatusBar(store),
  );

  // The flamegraph, Sentry and capture parts: one failing to start must not take the profile
  // views down with it, so each is started on its own and a failure is shown with the log.
  const start = <T>(part: string, register: () => T): T | undefined => {
    try {
      return register();
    } catch (err) {
      log.error(`The ${part} part failed to start: ${err instanceof Error ? err.stack : err}`);
      void vscode.window
        .showErrorMessage(
          `Hotspot Lens: the ${part} failed to start (${err instanceof Error ? err.message : err}). The profile views still work.`,
          'Show Log',
        )
        .then((choice) => choice && log.show());
      return undefined;
    }
  };
  start('flamegraph', () => registerFlamegraph(context, store, log));
  const sentry = start('Sentry integration', () => registerSentry(context, log, store));
  start('capture', () => registerCapture(context, store, log));
  const compare = start('baseline comparison', () => registerCompare(context, store, log));

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
    sentry,
    compare,
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
