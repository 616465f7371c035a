import * as vscode from 'vscode';
import type { CommandHandlers } from '../command-table';
import type { EditorContext } from '../ctx';
import { ProfileEditorProvider, PROFILE_VIEWER, PROFILE_VIEWER_ANY } from './custom-editor';
import { FlamegraphPanels, PANEL_VIEW_TYPE, type ShowFlamegraphArgs } from './panel';
import { SourceSync } from './source-sync';

/**
 * The flamegraph: the "Show Flamegraph" panel beside the code (restored after reloads), and the
 * read-only editor that opens profile files as flamegraphs. Everything is disposed with the
 * extension (CONTRIBUTING.md §4.2).
 */
export function registerFlamegraph(ctx: EditorContext): CommandHandlers {
  const { extension: context, store, log, overlay } = ctx;
  const sync = new SourceSync(store);
  const panels = new FlamegraphPanels(context.extensionUri, store, sync, log, overlay);
  const editors = new ProfileEditorProvider(context.extensionUri, store, sync, log, overlay);
  const options = { supportsMultipleEditorsPerDocument: true };
  context.subscriptions.push(
    sync,
    panels,
    vscode.window.registerWebviewPanelSerializer(PANEL_VIEW_TYPE, panels),
    vscode.window.registerCustomEditorProvider(PROFILE_VIEWER, editors, options),
    vscode.window.registerCustomEditorProvider(PROFILE_VIEWER_ANY, editors, options),
  );
  return { showFlamegraph: (args?: ShowFlamegraphArgs | string) => panels.show(args) };
}
