import * as vscode from 'vscode';

/** Folders whose files never appear in a profile of the user's own code. */
const EXCLUDE =
  '{**/node_modules/**,**/.git/**,**/.hg/**,**/.venv/**,**/venv/**,**/__pycache__/**,' +
  '**/.hotspot-lens/**,**/.e2e/**,**/.mypy_cache/**,**/.pytest_cache/**,**/target/**}';
const MAX_FILES = 200_000;

/**
 * The workspace file list the path resolver matches against (docs/DESIGN.md "Path mapping": index
 * built once, updated by a file watcher). Paths are workspace-relative with `/`; in a multi-root
 * workspace they start with the folder name, as `asRelativePath(uri, true)` writes them.
 */
export class WorkspaceIndex implements vscode.Disposable {
  private readonly files = new Map<string, vscode.Uri>();
  private readonly emitter = new vscode.EventEmitter<{ added: string[]; removed: string[] }>();
  private readonly disposables: vscode.Disposable[] = [];
  readonly onDidChange = this.emitter.event;
  private scanning: Promise<void> | undefined;
  private scanned = false;

  constructor(private readonly log: vscode.LogOutputChannel) {
    this.disposables.push(this.emitter);
  }

  /**
   * Resolves once the file list is complete. The first call starts the scan and the watcher:
   * the extension activates on every Python file, and most of those sessions never load a
   * profile, so they should not pay for listing the workspace.
   */
  get ready(): Promise<void> {
    if (!this.scanning) {
      const watcher = vscode.workspace.createFileSystemWatcher('**/*', false, true, false);
      this.disposables.push(
        watcher,
        watcher.onDidCreate((uri) => this.change(uri, true)),
        watcher.onDidDelete((uri) => this.change(uri, false)),
        vscode.workspace.onDidChangeWorkspaceFolders(() => void this.scan()),
      );
      this.scanning = this.scan();
    }
    return this.scanning;
  }

  get relativePaths(): Iterable<string> {
    return this.files.keys();
  }

  /** The workspace root used for `${workspaceFolder}` in path mappings (the first folder). */
  get root(): vscode.Uri | undefined {
    return vscode.workspace.workspaceFolders?.[0]?.uri;
  }

  relativePath(uri: vscode.Uri): string | undefined {
    if (!vscode.workspace.getWorkspaceFolder(uri)) return undefined;
    const multi = (vscode.workspace.workspaceFolders?.length ?? 0) > 1;
    return vscode.workspace.asRelativePath(uri, multi).replace(/\\/g, '/');
  }

  /** The file a resolver result names: workspace-relative, or absolute after a mapping. */
  uriOf(path: string): vscode.Uri | undefined {
    const known = this.files.get(path);
    if (known) return known;
    if (/^([a-zA-Z]:)?[\\/]/.test(path)) return vscode.Uri.file(path);
    return this.root ? vscode.Uri.joinPath(this.root, path) : undefined;
  }

  private async scan(): Promise<void> {
    const started = Date.now();
    const uris = await vscode.workspace.findFiles('**/*', EXCLUDE, MAX_FILES);
    const before = new Set(this.files.keys());
    this.files.clear();
    for (const uri of uris) {
      const rel = this.relativePath(uri);
      if (rel !== undefined) this.files.set(rel, uri);
    }
    const added = [...this.files.keys()].filter((f) => !before.has(f));
    const removed = [...before].filter((f) => !this.files.has(f));
    this.log.info(`Indexed ${this.files.size} workspace files in ${Date.now() - started} ms`);
    if (uris.length >= MAX_FILES) {
      this.log.warn(`Workspace index stopped at ${MAX_FILES} files; add pathMappings for others`);
    }
    // The first scan is what `ready` waits for, so nobody holds an older list to update.
    const first = !this.scanned;
    this.scanned = true;
    if (!first && (added.length > 0 || removed.length > 0)) this.emitter.fire({ added, removed });
  }

  private change(uri: vscode.Uri, created: boolean): void {
    const rel = this.relativePath(uri);
    if (rel === undefined || /(^|\/)(node_modules|\.git|__pycache__)\//.test(rel)) return;
    if (created) {
      if (this.files.has(rel)) return;
      this.files.set(rel, uri);
      this.emitter.fire({ added: [rel], removed: [] });
      return;
    }
    // Deleting a folder reports only the folder, so drop everything under it too.
    const removed = [...this.files.keys()].filter((f) => f === rel || f.startsWith(rel + '/'));
    for (const f of removed) this.files.delete(f);
    if (removed.length > 0) this.emitter.fire({ added: [], removed });
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
