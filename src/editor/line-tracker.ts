import * as vscode from 'vscode';
import type { Profile } from '../core/model';
import type { ProfileStore } from './profile-store';

/** One text change, as the lines it replaced (0-based) and the number of lines it inserted. */
interface LineEdit {
  readonly startLine: number;
  readonly startChar: number;
  readonly endLine: number;
  readonly insertedNewlines: number;
  readonly endsWithNewline: boolean;
}

/**
 * Profile lines describe the file as it was when it was captured. While the user edits a file,
 * this keeps the edits made since the profile was loaded and maps a profile line to where that
 * text is now, so heat, lenses and hovers move with the code until the profile is reloaded.
 */
export class LineTracker implements vscode.Disposable {
  private readonly edits = new Map<string, LineEdit[]>();
  private profile: Profile | undefined;
  private readonly emitter = new vscode.EventEmitter<vscode.Uri>();
  private readonly disposables: vscode.Disposable[];
  /** Fires with a document whose line mapping changed. */
  readonly onDidShift = this.emitter.event;

  constructor(store: ProfileStore) {
    this.profile = store.current?.profile;
    this.disposables = [
      this.emitter,
      store.onDidChange((loaded) => {
        // A view rebuilt for new workspace files keeps the same profile: keep the edits then.
        if (loaded?.profile === this.profile) return;
        this.profile = loaded?.profile;
        this.edits.clear();
      }),
      vscode.workspace.onDidChangeTextDocument((e) => this.record(e)),
    ];
  }

  /** Where the text of `line` (0-based, as captured) is now; undefined once it was deleted. */
  map(uri: vscode.Uri, line: number): number | undefined {
    const list = this.edits.get(uri.toString());
    if (!list) return line;
    let l: number | undefined = line;
    for (const e of list) {
      l = shift(l, e);
      if (l === undefined) return undefined;
    }
    return l;
  }

  private record(e: vscode.TextDocumentChangeEvent): void {
    if (!this.profile || e.contentChanges.length === 0) return;
    const key = e.document.uri.toString();
    const list = this.edits.get(key) ?? [];
    // contentChanges of one event do not overlap and are reported bottom-up by the editor, but
    // the API does not promise an order: apply them from the last one in the document up.
    const changes = [...e.contentChanges].sort((a, b) => b.range.start.compareTo(a.range.start));
    let moved = false;
    for (const c of changes) {
      const newlines = c.text.split('\n').length - 1;
      const removed = c.range.end.line - c.range.start.line;
      if (newlines === 0 && removed === 0) continue;
      list.push({
        startLine: c.range.start.line,
        startChar: c.range.start.character,
        endLine: c.range.end.line,
        insertedNewlines: newlines,
        endsWithNewline: c.text.endsWith('\n'),
      });
      moved = true;
    }
    if (!moved) return;
    this.edits.set(key, list);
    this.emitter.fire(e.document.uri);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

function shift(line: number, e: LineEdit): number | undefined {
  const delta = e.insertedNewlines - (e.endLine - e.startLine);
  if (line < e.startLine) return line;
  if (line > e.endLine) return line + delta;
  if (line === e.startLine) {
    // Text inserted at the very start of a line that ends in a newline pushes the whole old
    // line down (typing a new line above it); anything else leaves its start where it was.
    const pushedDown = e.startChar === 0 && e.endsWithNewline && e.endLine === e.startLine;
    return pushedDown ? line + e.insertedNewlines : line;
  }
  return undefined;
}
