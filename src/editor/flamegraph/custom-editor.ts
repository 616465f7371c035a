import * as vscode from 'vscode';
import type { ProfileOverlay } from '../overlay';
import type { LoadedProfile, ProfileStore } from '../profile-store';
import { flamegraphHtml, webviewOptions } from './html';
import { FlamegraphSession } from './session';
import type { SourceSync } from './source-sync';

/** Default editor for names that can only be profiles (`*.pb.gz`, `*.speedscope.json`, …). */
export const PROFILE_VIEWER = 'hotspotLens.profileViewer';
/**
 * "Open With…" only, for `*.txt` / `*.json`, which may or may not be profiles (py-spy raw output
 * is plain text); a manifest entry has one priority, hence a second view type.
 */
export const PROFILE_VIEWER_ANY = 'hotspotLens.profileViewerAny';

/**
 * Profile files (`*.speedscope.json`, `*.pb.gz`, `*.pprof`, …) open as their flamegraph. Opening
 * one also loads it into the store, so the lenses and heat follow. Read-only: a profile is a
 * capture, not something to edit.
 */
export class ProfileEditorProvider implements vscode.CustomReadonlyEditorProvider {
  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly store: ProfileStore,
    private readonly sync: SourceSync,
    private readonly log: vscode.LogOutputChannel,
    private readonly overlay: ProfileOverlay,
  ) {}

  openCustomDocument(uri: vscode.Uri): vscode.CustomDocument {
    return { uri, dispose: () => undefined };
  }

  async resolveCustomEditor(
    document: vscode.CustomDocument,
    panel: vscode.WebviewPanel,
  ): Promise<void> {
    const key = document.uri.toString();
    let own: LoadedProfile | undefined;
    // This editor shows its own file: the store's profile while it is this file (it is rebuilt
    // when path mappings change), else the last one it had.
    const profile = () => {
      const current = this.store.current;
      if (current && current.uri.toString() === key) own = current;
      return own;
    };
    panel.webview.options = webviewOptions(this.extensionUri);
    const session = new FlamegraphSession(
      panel,
      profile,
      this.store,
      this.sync,
      this.log,
      this.overlay,
    );
    panel.onDidDispose(() => session.dispose());
    panel.webview.html = flamegraphHtml(panel.webview, this.extensionUri);
    if (this.store.current?.uri.toString() !== key) {
      const loaded = await this.store.load(document.uri);
      if (!loaded) {
        this.log.warn(`Flamegraph: could not show ${document.uri.fsPath}`);
        const failure = this.store.lastError;
        session.showError(
          failure?.uri.toString() === key
            ? failure.message
            : 'The profile was not loaded (cancelled?). Reopen the file to try again.',
        );
      }
    }
  }
}
