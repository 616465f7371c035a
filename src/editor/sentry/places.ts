import * as vscode from 'vscode';
import { PathResolver } from '../../mapping/path-map';
import type { SpanStat } from '../../sentry/spans';
import type { Config } from '../config';
import type { FunctionIndex } from '../function-index';
import type { ProfileStore } from '../profile-store';
import type { SentryData } from './data';
import { SpanIndex, type PlacedSpan } from './span-placement';
import { lineStart } from '../lines';

/**
 * Joins the Sentry rows with the workspace: the same workspace index and path mappings as the
 * profile views, rebuilt when files, mappings or the rows change. Fires onDidChange so lenses
 * and the tree redraw together.
 */
export class SentryPlaces implements vscode.Disposable {
  private index: SpanIndex | undefined;
  private resolver: PathResolver | undefined;
  private readonly emitter = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[];
  readonly onDidChange = this.emitter.event;

  constructor(
    private readonly data: SentryData,
    private readonly store: ProfileStore,
    private readonly config: Config,
    private readonly functions: FunctionIndex,
  ) {
    const reset = (resolver: boolean) => {
      if (resolver) this.resolver = undefined;
      this.index = undefined;
      this.emitter.fire();
    };
    this.disposables = [
      this.emitter,
      data.onDidChange(() => reset(false)),
      store.workspaceIndex.onDidChange(() => reset(true)),
      config.onDidChange((e) => {
        if (e.affects('pathMappings')) reset(true);
      }),
    ];
  }

  /** The placement index for the current rows (after the workspace index is ready). */
  async spanIndex(): Promise<SpanIndex | undefined> {
    const snap = this.data.current;
    if (!snap) return undefined;
    await this.store.workspaceIndex.ready;
    if (this.index && this.index.rows === snap.rows) return this.index;
    const ws = this.store.workspaceIndex;
    this.resolver ??= new PathResolver(
      ws.relativePaths,
      this.config.settings.pathMappings,
      ws.root?.fsPath,
    );
    this.index = new SpanIndex(snap.rows, this.resolver);
    return this.index;
  }

  async place(document: vscode.TextDocument): Promise<PlacedSpan[]> {
    const index = await this.spanIndex();
    const rel = this.store.workspaceIndex.relativePath(document.uri);
    if (!index || rel === undefined || !index.concerns(rel)) return [];
    return index.place(rel, await this.functions.functions(document));
  }

  /** Opens the file a row belongs to and puts the cursor on the row's lens line. */
  async reveal(stat: SpanStat): Promise<boolean> {
    const target = (await this.spanIndex())?.target(stat);
    const uri = target && this.store.workspaceIndex.uriOf(target.path);
    if (!uri) return false;
    const document = await vscode.workspace.openTextDocument(uri);
    const placed = (await this.place(document)).find((p) => p.stat === stat);
    await this.openAt(uri, placed?.line ?? stat.line ?? 1);
    return true;
  }

  /** Opens a Sentry path (as recorded by the SDK) at a 1-based line, if it resolves. */
  async openSentryPath(file: string, line: number | undefined): Promise<boolean> {
    await this.store.workspaceIndex.ready;
    const ws = this.store.workspaceIndex;
    this.resolver ??= new PathResolver(
      ws.relativePaths,
      this.config.settings.pathMappings,
      ws.root?.fsPath,
    );
    const r = this.resolver.resolve(file);
    const uri = r.kind === 'mapped' ? ws.uriOf(r.path) : undefined;
    if (!uri) {
      const why =
        r.kind === 'ambiguous' ? `matches ${r.candidates.length} files` : 'is not in the workspace';
      void vscode.window.showWarningMessage(
        `Hotspot Lens: ${file} ${why}; add a hotspotLens.pathMappings entry to settle it.`,
      );
      return false;
    }
    await this.openAt(uri, line ?? 1);
    return true;
  }

  private async openAt(uri: vscode.Uri, line: number): Promise<void> {
    const editor = await vscode.window.showTextDocument(uri, { preview: true });
    const at = lineStart(line, editor.document);
    editor.selection = new vscode.Selection(at.start, at.start);
    editor.revealRange(at, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
