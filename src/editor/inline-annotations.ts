import * as vscode from 'vscode';
import type { Config } from './config';
import { functionSummary } from './format';
import type { FunctionPlacement } from './function-placement';
import type { LineTracker } from './line-tracker';
import type { ProfileStore } from './profile-store';
import { lineStart } from './lines';

const THROTTLE_MS = 150;

/**
 * `hotspotLens.annotations: inline`: the lens text as an end-of-line decoration on the def line,
 * for people who find CodeLens lines shifting the code around distracting.
 */
export class InlineAnnotations implements vscode.Disposable {
  private readonly type = vscode.window.createTextEditorDecorationType({
    after: {
      color: new vscode.ThemeColor('hotspotLens.inlineForeground'),
      margin: '0 0 0 3em',
      fontStyle: 'italic',
    },
  });
  private readonly applied = new Map<string, { line: number; text: string }[]>();
  private readonly disposables: vscode.Disposable[];
  private timer: NodeJS.Timeout | undefined;
  private generation = 0;

  constructor(
    private readonly store: ProfileStore,
    private readonly config: Config,
    private readonly placement: FunctionPlacement,
    tracker: LineTracker,
  ) {
    const schedule = () => this.schedule();
    this.disposables = [
      this.type,
      store.onDidChange(schedule),
      tracker.onDidShift(schedule),
      vscode.window.onDidChangeVisibleTextEditors(schedule),
      config.onDidChange((e) => {
        if (e.affects('annotations')) schedule();
      }),
    ];
    this.schedule();
  }

  /** The annotations drawn now on `uri`: 1-based line and text (for tests). */
  annotationsFor(uri: vscode.Uri): readonly { line: number; text: string }[] {
    return this.applied.get(uri.toString()) ?? [];
  }

  async refreshNow(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.update();
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.update(), THROTTLE_MS);
  }

  private async update(): Promise<void> {
    const generation = ++this.generation;
    const loaded = this.store.current;
    const on = loaded !== undefined && this.config.settings.annotations === 'inline';
    const next = new Map<string, { line: number; text: string }[]>();
    const work = vscode.window.visibleTextEditors.map(async (editor) => {
      const placed = on ? await this.placement.place(loaded, editor.document) : [];
      // A newer update started while this one waited for symbols: let that one draw.
      if (generation !== this.generation) return;
      const items = placed.map((p) => ({
        line: p.defLine,
        text: functionSummary(loaded!, p.stat),
      }));
      editor.setDecorations(
        this.type,
        items.map((i) => ({
          range: lineStart(i.line),
          renderOptions: { after: { contentText: i.text } },
        })),
      );
      if (items.length > 0) next.set(editor.document.uri.toString(), items);
    });
    await Promise.all(work);
    if (generation !== this.generation) return;
    this.applied.clear();
    for (const [k, v] of next) this.applied.set(k, v);
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }
}
