import * as vscode from 'vscode';
import type { LineStat } from '../core/attribution';
import type { Config } from './config';
import { percent, share } from './format';
import type { LineTracker } from './line-tracker';
import { lineStart } from './lines';
import type { LoadedProfile } from './loaded-profile';
import type { ProfileOverlay } from './overlay';
import type { ProfileStore } from './profile-store';

export const HEAT_BUCKETS = 8;
const THROTTLE_MS = 100;

export interface HeatLine {
  /** 1-based line in the document as it is now. */
  readonly line: number;
  /** 0 (coolest) … HEAT_BUCKETS - 1. */
  readonly bucket: number;
  readonly text: string;
  readonly stat: LineStat;
}

/**
 * The hot lines of a document: lines whose self weight is at least `heat.threshold` percent
 * of the total, moved along with edits. Buckets double per step above the threshold, so 1%, 2%,
 * 4% … 64%+ get increasingly strong backgrounds.
 */
export function hotLines(
  loaded: LoadedProfile,
  uri: vscode.Uri,
  threshold: number,
  tracker: LineTracker,
): HeatLine[] {
  const total = loaded.attribution.total;
  const base = Math.max(threshold, 0.5);
  const out: HeatLine[] = [];
  for (const stat of loaded.linesIn(uri)) {
    const s = share(stat.self, total);
    if (stat.self <= 0 || s < threshold) continue;
    const now = tracker.map(uri, stat.line);
    if (now === undefined) continue;
    const bucket = Math.max(0, Math.min(HEAT_BUCKETS - 1, Math.floor(Math.log2(s / base))));
    out.push({ line: now, bucket, text: `  ${percent(stat.self, total)}`, stat });
  }
  return out;
}

/**
 * Line heat for the visible editors: one decoration type per bucket, created once (themable
 * colours `hotspotLens.heatBackground1..8`), the self share as `after` text, and overview-ruler
 * marks. Updates are throttled, since typing fires a change per keystroke.
 */
export class HeatDecorations implements vscode.Disposable {
  private readonly types: vscode.TextEditorDecorationType[];
  private readonly applied = new Map<string, HeatLine[]>();
  private readonly disposables: vscode.Disposable[];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: ProfileStore,
    private readonly config: Config,
    private readonly tracker: LineTracker,
    private readonly overlay: ProfileOverlay,
  ) {
    this.types = Array.from({ length: HEAT_BUCKETS }, (_, i) =>
      vscode.window.createTextEditorDecorationType({
        isWholeLine: true,
        backgroundColor: new vscode.ThemeColor(`hotspotLens.heatBackground${i + 1}`),
        overviewRulerColor: new vscode.ThemeColor('hotspotLens.heatOverviewRuler'),
        overviewRulerLane: vscode.OverviewRulerLane.Right,
        after: { color: new vscode.ThemeColor('hotspotLens.heatForeground'), margin: '0 0 0 2em' },
      }),
    );
    const schedule = () => this.schedule();
    this.disposables = [
      ...this.types,
      store.onDidChange(schedule),
      overlay.onDidChange(schedule),
      tracker.onDidShift(schedule),
      vscode.window.onDidChangeVisibleTextEditors(schedule),
      config.onDidChange((e) => {
        if (e.affects('heat')) schedule();
      }),
    ];
    this.schedule();
  }

  /** What is drawn now on the visible editors of `uri` (for tests and the hover). */
  heatFor(uri: vscode.Uri): readonly HeatLine[] {
    return this.applied.get(uri.toString()) ?? [];
  }

  /** Recomputes now instead of after the throttle delay (tests wait on this). */
  refreshNow(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.update();
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.update();
    }, THROTTLE_MS);
  }

  private update(): void {
    const loaded = this.store.current;
    const s = this.config.settings;
    this.applied.clear();
    for (const editor of vscode.window.visibleTextEditors) {
      const lines =
        loaded && s.heatEnabled
          ? hotLines(loaded, editor.document.uri, s.heatThreshold, this.tracker)
          : [];
      const perBucket: vscode.DecorationOptions[][] = this.types.map(() => []);
      // Overlays draw their own lines first (a comparison's changed lines in its colours).
      for (const h of this.overlay.drawHeat(editor, loaded, lines)) {
        if (h.line > editor.document.lineCount) continue;
        perBucket[h.bucket].push({
          range: lineStart(h.line),
          renderOptions: { after: { contentText: h.text } },
        });
      }
      this.types.forEach((t, i) => editor.setDecorations(t, perBucket[i]));
      if (lines.length > 0) this.applied.set(editor.document.uri.toString(), lines);
    }
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }
}
