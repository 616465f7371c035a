import * as vscode from 'vscode';
import { Command } from './command-table';
import type { Config } from './config';
import { functionSummary } from './format';
import type { FunctionPlacement } from './function-placement';
import type { LineTracker } from './line-tracker';
import { lineStart } from './lines';
import type { ProfileOverlay } from './overlay';
import type { ProfileStore } from './profile-store';

/**
 * `🔥 34.2% total · 12.1% self · 1,234 samples` above every profiled function. Shown when
 * `hotspotLens.annotations` is `codeLens` and `codeLens.enabled` is on; the inline mode draws
 * the same text as an end-of-line decoration instead (inline-annotations.ts).
 */
export class HotspotCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[];
  readonly onDidChangeCodeLenses = this.emitter.event;

  constructor(
    private readonly store: ProfileStore,
    private readonly config: Config,
    private readonly placement: FunctionPlacement,
    tracker: LineTracker,
    private readonly overlay: ProfileOverlay,
  ) {
    const refresh = () => this.emitter.fire();
    this.disposables = [
      this.emitter,
      store.onDidChange(refresh),
      overlay.onDidChange(refresh),
      tracker.onDidShift(refresh),
      config.onDidChange((e) => {
        if (e.affects('codeLens') || e.affects('annotations')) refresh();
      }),
    ];
  }

  async provideCodeLenses(document: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    const s = this.config.settings;
    const loaded = this.store.current;
    if (!loaded || !s.codeLensEnabled || s.annotations !== 'codeLens') return [];
    const placed = await this.placement.place(loaded, document);
    return placed.map((p) => {
      const range = lineStart(p.defLine, document);
      return new vscode.CodeLens(range, {
        // While comparing with a baseline the self share carries its change (an overlay).
        title: this.overlay.decorateLens(loaded, p.stat.key, functionSummary(loaded, p.stat)),
        tooltip: `${p.stat.name}: show in the Hotspots view`,
        command: Command.showFunction,
        arguments: [{ key: p.stat.key }],
      });
    });
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

export function registerCodeLens(provider: HotspotCodeLensProvider): vscode.Disposable {
  return vscode.languages.registerCodeLensProvider({ scheme: 'file' }, provider);
}
