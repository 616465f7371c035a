import * as vscode from 'vscode';
import type { Profile } from '../core/model';
import { lineOf } from './lines';
import type { ProfileStore } from './profile-store';

/** One text change, as the lines it replaced (1-based) and the number of lines it inserted. */
interface LineEdit {
  readonly startLine: number;
  readonly startChar: number;
  readonly endLine: number;
  readonly endChar: number;
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
  /** Edits already in the file on disk, per document: a revert goes back to exactly these. */
  private readonly saved = new Map<string, number>();
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
        this.saved.clear();
      }),
      vscode.workspace.onDidChangeTextDocument((e) => this.record(e)),
      vscode.workspace.onDidSaveTextDocument((d) => {
        const key = d.uri.toString();
        this.saved.set(key, this.edits.get(key)?.length ?? 0);
      }),
    ];
  }

  /** Where the text of `line` (1-based, as captured) is now; undefined once it was deleted. */
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
    const only = e.contentChanges.length === 1 ? e.contentChanges[0] : undefined;
    if (only && only.range.start.line === 0 && only.range.start.character === 0) {
      if (only.text.length === e.document.getText().length) {
        // The whole text was replaced: a revert or a reload after the file changed on disk.
        // The text is the saved file again, so exactly the edits that were saved still hold
        // (replaying the replacement itself would drop every line).
        list.length = this.saved.get(key) ?? 0;
        this.edits.set(key, list);
        this.emitter.fire(e.document.uri);
        return;
      }
    }
    // contentChanges of one event do not overlap and are reported bottom-up by the editor, but
    // the API does not promise an order: apply them from the last one in the document up.
    const changes = [...e.contentChanges].sort((a, b) => b.range.start.compareTo(a.range.start));
    let moved = false;
    for (const c of changes) {
      const newlines = c.text.split('\n').length - 1;
      const removed = c.range.end.line - c.range.start.line;
      if (newlines === 0 && removed === 0) continue;
      list.push({
        startLine: lineOf(c.range.start),
        startChar: c.range.start.character,
        endLine: lineOf(c.range.end),
        endChar: c.range.end.character,
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
  if (e.startLine === e.endLine) {
    // Text inserted at the very start of a line that ends in a newline pushes the whole old
    // line down (typing a new line above it); anything else leaves its start where it was.
    const pushedDown = e.startChar === 0 && e.endsWithNewline;
    return pushedDown ? line + e.insertedNewlines : line;
  }
  // A multi-line replacement keeps the head of its first line (if any text precedes the change)
  // and the whole of its last line when it ends at column 0 (a deletion of whole lines);
  // everything else it covered is gone.
  if (line === e.startLine) return e.startChar > 0 ? line : undefined;
  if (line === e.endLine && e.endChar === 0) return e.startLine + e.insertedNewlines;
  return undefined;
}
