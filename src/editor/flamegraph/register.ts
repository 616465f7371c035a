import * as vscode from 'vscode';
import type { ProfileStore } from '../profile-store';
import { ProfileEditorProvider, PROFILE_VIEWER, PROFILE_VIEWER_ANY } from './custom-editor';
import { FlamegraphPanels, PANEL_VIEW_TYPE, type ShowFlamegraphArgs } from './panel';
import { SourceSync } from './source-sync';

/**
 * The flamegraph: the "Show Flamegraph" panel beside the code (restored after reloads), and the
 * read-only editor that opens profile files as flamegraphs. Everything is disposed with the
 * extension (STYLE.md "Do" 8).
 */
export function registerFlamegraph(
  context: vscode.ExtensionContext,
  store: ProfileStore,
  log: vscode.LogOutputChannel,
): void {
  const sync = new SourceSync(store);
  const panels = new FlamegraphPanels(context.extensionUri, store, sync, log);
  const editors = new ProfileEditorProvider(context.extensionUri, store, sync, log);
  const options = { supportsMultipleEditorsPerDocument: true };
  context.subscriptions.push(
    sync,
    panels,
    vscode.commands.registerCommand(
      'hotspotLens.showFlamegraph',
      (args?: ShowFlamegraphArgs | string) => panels.show(args),
    ),
    vscode.window.registerWebviewPanelSerializer(PANEL_VIEW_TYPE, panels),
    vscode.window.registerCustomEditorProvider(PROFILE_VIEWER, editors, options),
    vscode.window.registerCustomEditorProvider(PROFILE_VIEWER_ANY, editors, options),
  );
}
