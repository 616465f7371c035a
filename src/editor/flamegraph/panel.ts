import * as vscode from 'vscode';
import { Command } from '../command-table';
import type { ProfileOverlay } from '../overlay';
import type { ProfileStore } from '../profile-store';
import { flamegraphHtml, webviewOptions } from './html';
import { FlamegraphSession } from './session';
import type { SourceSync } from './source-sync';

export const PANEL_VIEW_TYPE = 'hotspotLens.flamegraph';

/** What callers may pass to "Show Flamegraph": a function key (`name\0file`) to select. */
export interface ShowFlamegraphArgs {
  readonly key?: string;
}

/**
 * The one flamegraph panel beside the code, following the loaded profile. It is also the
 * WebviewPanelSerializer, so a panel open before a window reload comes back; the webview's own
 * getState restores zoom, view, selection and search.
 */
export class FlamegraphPanels implements vscode.WebviewPanelSerializer, vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private session: FlamegraphSession | undefined;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly store: ProfileStore,
    private readonly sync: SourceSync,
    private readonly log: vscode.LogOutputChannel,
    private readonly overlay: ProfileOverlay,
  ) {}

  async show(args?: ShowFlamegraphArgs | string): Promise<void> {
    const loaded = this.store.current;
    if (!loaded) {
      const choice = await vscode.window.showInformationMessage(
        'Hotspot Lens: open a profile first to see its flamegraph.',
        'Open Profile…',
      );
      if (choice) await vscode.commands.executeCommand(Command.openProfile);
      return;
    }
    if (this.panel) {
      this.panel.reveal(undefined, true);
    } else {
      const panel = vscode.window.createWebviewPanel(
        PANEL_VIEW_TYPE,
        'Flamegraph',
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
        webviewOptions(this.extensionUri),
      );
      this.attach(panel);
    }
    const key = typeof args === 'string' ? args : args?.key;
    const fn = typeof key === 'string' ? loaded.functionByKey(key) : undefined;
    if (fn) this.session?.reveal([...fn.frameIds]);
    else if (key !== undefined) this.log.info(`Flamegraph: no function ${JSON.stringify(key)}`);
  }

  async deserializeWebviewPanel(panel: vscode.WebviewPanel): Promise<void> {
    // Restoring replaces any panel this session opened (there is only ever one).
    this.panel?.dispose();
    panel.webview.options = webviewOptions(this.extensionUri);
    this.attach(panel);
    // Replaced by the graph as soon as the store (re)loads a profile.
    if (!this.store.current)
      this.session?.showError('No profile is loaded. Open one with "Hotspot Lens: Open Profile…".');
  }

  private attach(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    const session = new FlamegraphSession(
      panel,
      () => this.store.current,
      this.store,
      this.sync,
      this.log,
      this.overlay,
    );
    this.session = session;
    panel.webview.html = flamegraphHtml(panel.webview, this.extensionUri);
    panel.onDidDispose(() => {
      session.dispose();
      if (this.panel === panel) {
        this.panel = undefined;
        this.session = undefined;
      }
    });
  }

  dispose(): void {
    this.panel?.dispose();
  }
}
