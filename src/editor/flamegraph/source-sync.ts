import * as vscode from 'vscode';
import type { LoadedProfile, ProfileStore } from '../profile-store';
import { lineOf, lineStart } from '../lines';

/**
 * Selection sync between flamegraphs and editors. Selecting a frame in a flamegraph highlights
 * its line in the editors showing that file; moving the cursor into a function the profile
 * knows tells every flamegraph to outline that function's frames.
 */
export class SourceSync implements vscode.Disposable {
  // One decoration type for the whole session (CONTRIBUTING.md §4.3), themable via the theme colour.
  private readonly decoration = vscode.window.createTextEditorDecorationType({
    isWholeLine: true,
    backgroundColor: new vscode.ThemeColor('editor.rangeHighlightBackground'),
    border: '1px solid',
    borderColor: new vscode.ThemeColor('editor.rangeHighlightBorder'),
    overviewRulerColor: new vscode.ThemeColor('editorOverviewRuler.rangeHighlightForeground'),
    overviewRulerLane: vscode.OverviewRulerLane.Center,
  });
  private target: { uri: string; line: number } | undefined;
  private readonly listeners = new Set<(frameIds: number[]) => void>();
  private readonly disposables: vscode.Disposable[] = [];
  private timer: NodeJS.Timeout | undefined;
  private lastKey: string | undefined;

  constructor(private readonly store: ProfileStore) {
    this.disposables.push(
      this.decoration,
      vscode.window.onDidChangeVisibleTextEditors(() => this.paint()),
      vscode.window.onDidChangeTextEditorSelection((e) => this.cursorMoved(e.textEditor)),
      store.onDidChange(() => {
        this.target = undefined;
        this.lastKey = undefined;
        this.paint();
      }),
    );
  }

  /** Registers a flamegraph to be told which frames the cursor is in. */
  onCursorFrames(listener: (frameIds: number[]) => void): vscode.Disposable {
    this.listeners.add(listener);
    return new vscode.Disposable(() => this.listeners.delete(listener));
  }

  /** A frame was selected in a flamegraph: highlight its line wherever its file is shown. */
  frameSelected(loaded: LoadedProfile, frameId: number): void {
    const frame = loaded.profile.frames[frameId];
    const uri = frame?.file !== undefined ? loaded.resolve(frame.file) : undefined;
    this.target =
      uri && frame.line !== undefined ? { uri: uri.toString(), line: frame.line } : undefined;
    this.paint();
  }

  private paint(): void {
    for (const editor of vscode.window.visibleTextEditors) {
      const t = this.target;
      if (t && editor.document.uri.toString() === t.uri && t.line <= editor.document.lineCount) {
        // Lines are 1-based in core; VS Code's are 0-based, converted here at the edge.
        editor.setDecorations(this.decoration, [lineStart(t.line)]);
      } else {
        editor.setDecorations(this.decoration, []);
      }
    }
  }

  private cursorMoved(editor: vscode.TextEditor): void {
    if (this.listeners.size === 0) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      const loaded = this.store.current;
      if (!loaded || editor.document.uri.scheme !== 'file') return;
      const line = lineOf(editor.selection.active);
      const frames = this.framesAt(loaded, editor.document.uri, line);
      const key = frames.join(',');
      if (key === this.lastKey) return;
      this.lastKey = key;
      for (const l of this.listeners) l(frames);
    }, 150);
  }

  /**
   * Frames of the innermost function whose recorded lines span `line`. Profilers record the
   * lines being executed, so a function's frames cover its hot body; the narrowest span wins.
   */
  private framesAt(loaded: LoadedProfile, uri: vscode.Uri, line: number): number[] {
    let best: readonly number[] = [];
    let bestSpan = Infinity;
    for (const fn of loaded.functionsIn(uri)) {
      let lo = Infinity;
      let hi = -Infinity;
      for (const id of fn.frameIds) {
        const l = loaded.profile.frames[id].line;
        if (l === undefined) continue;
        lo = Math.min(lo, l);
        hi = Math.max(hi, l);
      }
      if (line >= lo && line <= hi && hi - lo < bestSpan) {
        best = fn.frameIds;
        bestSpan = hi - lo;
      }
    }
    return [...best];
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }
}
