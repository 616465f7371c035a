import * as vscode from 'vscode';
import { toFlameData } from '../../core/layout/flame-data';
import { assertNever, type FlameData, type ThemeKind, type ToWebview } from '../../protocol';
import type { ProfileOverlay } from '../overlay';
import type { LoadedProfile, ProfileStore } from '../profile-store';
import { parseFromWebview } from './messages';
import { openFrameSource } from './open-source';
import type { SourceSync } from './source-sync';

const flameCache = new WeakMap<LoadedProfile, FlameData>();

/** The profile as posted to webviews, built once per loaded profile (frames resolved once). */
function flameOf(loaded: LoadedProfile): FlameData {
  let flame = flameCache.get(loaded);
  if (!flame) {
    const frames = loaded.profile.frames;
    flame = toFlameData(loaded.profile, loaded.valueIndex, (id) => {
      const file = frames[id].file;
      return file !== undefined && loaded.resolve(file) !== undefined;
    });
    flameCache.set(loaded, flame);
  }
  return flame;
}

export function themeKind(kind: vscode.ColorThemeKind): ThemeKind {
  switch (kind) {
    case vscode.ColorThemeKind.Light:
      return 'light';
    case vscode.ColorThemeKind.HighContrast:
      return 'high-contrast';
    case vscode.ColorThemeKind.HighContrastLight:
      return 'high-contrast-light';
    default:
      return 'dark';
  }
}

/**
 * One flamegraph webview (panel or custom editor) bound to a profile: the `ready` → `init`
 * handshake, validated messages back, and selection sync. `profile()` says which profile it
 * shows: the store's current one for the panel, its own file for a custom editor.
 */
export class FlamegraphSession implements vscode.Disposable {
  private ready = false;
  private pendingReveal: number[] | undefined;
  private shown: LoadedProfile | undefined;
  private pendingError: string | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly profile: () => LoadedProfile | undefined,
    store: ProfileStore,
    private readonly sync: SourceSync,
    private readonly log: vscode.LogOutputChannel,
    private readonly overlay: ProfileOverlay,
  ) {
    this.disposables.push(
      panel.webview.onDidReceiveMessage((raw) => this.onMessage(raw)),
      // Without retainContextWhenHidden the page is destroyed while the panel is hidden and says
      // `ready` again when shown; a message posted before that is lost, so until then `reveal`
      // waits for the `init` of the new page.
      panel.onDidChangeViewState(() => {
        if (!panel.visible) this.ready = false;
      }),
      store.onDidChange(() => this.postInit()),
      // An overlay changed (a comparison started or ended): redraw with or without it.
      overlay.onDidChange(() => {
        this.shown = undefined;
        this.postInit();
      }),
      sync.onCursorFrames((frameIds) => {
        if (this.shown === this.profile()) this.post({ type: 'highlight', frameIds });
      }),
      vscode.window.onDidChangeActiveColorTheme((t) =>
        this.post({ type: 'theme', kind: themeKind(t.kind) }),
      ),
    );
  }

  /** Selects the heaviest rect of these frames (now, or with `init` once the webview is up). */
  reveal(frameIds: number[]): void {
    if (this.ready && this.shown) this.post({ type: 'reveal', frameIds });
    else this.pendingReveal = frameIds;
  }

  /** Tells the webview why there is nothing to show (it renders the text as text). */
  showError(message: string): void {
    this.pendingError = message;
    this.post({ type: 'error', message });
  }

  private post(message: ToWebview): void {
    if (this.ready) void this.panel.webview.postMessage(message);
  }

  private postInit(): void {
    const loaded = this.profile();
    if (!this.ready || !loaded || loaded === this.shown) return;
    this.shown = loaded;
    this.panel.title = `Flamegraph: ${loaded.profile.meta.name}`;
    const selectFrameIds = this.pendingReveal;
    this.pendingReveal = undefined;
    const { flame, baseline } = this.overlay.decorateFlame(flameOf(loaded), loaded);
    this.post({ type: 'init', flame, baseline, selectFrameIds });
  }

  private onMessage(raw: unknown): void {
    const loaded = this.shown;
    const message = parseFromWebview(raw, loaded?.profile.frames.length ?? 0);
    if (!message) {
      this.log.warn(`Flamegraph: ignored an invalid message ${JSON.stringify(raw).slice(0, 200)}`);
      return;
    }
    switch (message.type) {
      case 'ready':
        this.ready = true;
        this.shown = undefined;
        this.postInit();
        if (!this.shown && this.pendingError)
          this.post({ type: 'error', message: this.pendingError });
        break;
      case 'openSource':
        if (loaded) void openFrameSource(loaded, message.frameId, this.panel.viewColumn, this.log);
        break;
      case 'select':
        if (loaded) this.sync.frameSelected(loaded, message.frameId);
        break;
      case 'log':
        this.log[message.level](`Flamegraph webview: ${message.message}`);
        break;
      default:
        assertNever(message);
    }
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
