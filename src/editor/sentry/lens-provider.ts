import * as vscode from 'vscode';
import { Command } from '../command-table';
import type { Config } from '../config';
import type { SpanLensOverlay } from '../overlay';
import { rowKey, type SentryData } from './data';
import { earnsLens, lensText, lensTooltip } from './lens-text';
import type { SentryPlaces } from './places';
import { staleLensTitle, staleMessage } from './snapshot';
import { lineStart } from '../lines';

/**
 * `⏱ p95 412 ms · p50 80 ms · 1.3k calls/24h` on every line and function with span data. It is
 * a provider of its own, so where a CPU profile is loaded too both lenses sit on the same def
 * line. Documents never trigger requests: rows come from the last refresh.
 */
export class SentryLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[];
  readonly onDidChangeCodeLenses = this.emitter.event;

  constructor(
    private readonly data: SentryData,
    private readonly places: SentryPlaces,
    private readonly config: Config,
    private readonly overlay: SpanLensOverlay,
  ) {
    const refresh = () => this.emitter.fire();
    this.disposables = [
      this.emitter,
      places.onDidChange(refresh),
      overlay.onDidChange(refresh),
      config.onDidChange((e) => {
        if (e.affects('codeLens') || e.affects('sentry.lens')) refresh();
      }),
    ];
  }

  async provideCodeLenses(document: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    const snap = this.data.current;
    if (!snap || !this.config.settings.codeLensEnabled) return [];
    const placed = await this.places.place(document);
    const rule = this.config.settings.sentry.lens;
    return placed
      .filter(({ stat }) => earnsLens(stat, rule))
      .map(({ stat, line, byName }) => {
        const tooltip =
          lensTooltip(stat, snap.period) +
          (byName ? '\n(matched by span name)' : '') +
          (snap.stale ? `\n${staleMessage(snap.stale)}` : '');
        const title = staleLensTitle(lensText(stat, snap.period), snap);
        return new vscode.CodeLens(lineStart(line, document), {
          // While comparing periods the change follows (an overlay).
          title: this.overlay.decorateLens(snap, rowKey(stat), title),
          tooltip,
          command: Command.sentryShowSlowSpans,
          arguments: [{ key: rowKey(stat) }],
        });
      });
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
