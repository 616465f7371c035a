import * as vscode from 'vscode';
import { Command } from './command-table';
import { attribute } from '../core/attribution';
import { ImportCancelled } from '../core/errors';
import { importProfileFile } from '../core/import/on-demand';
import type { Profile } from '../core/model';
import { PathResolver } from '../mapping/path-map';
import type { Config } from './config';
import { ProfileView, type LoadedProfile } from './loaded-profile';
import { WorkspaceIndex } from './workspace-index';

export type { LoadedProfile, Resolution } from './loaded-profile';

const LAST_PROFILE_KEY = 'hotspotLens.lastProfile';

export interface LoadFailure {
  readonly uri: vscode.Uri;
  /** What went wrong, in the importer's words (`Cannot read speedscope profile at line 3: …`). */
  readonly message: string;
}

/**
 * The loaded profile: the one piece of state every view (lenses, heat, tree, flamegraph, status
 * bar) reads. A failed or cancelled load keeps the previous profile, so nothing is lost.
 */
export class ProfileStore implements vscode.Disposable {
  private loaded: LoadedProfile | undefined;
  private failure: LoadFailure | undefined;
  private resolver: PathResolver | undefined;
  private readonly index: WorkspaceIndex;
  private readonly emitter = new vscode.EventEmitter<LoadedProfile | undefined>();
  private readonly disposables: vscode.Disposable[] = [];
  private refreshTimer: NodeJS.Timeout | undefined;
  private pending: AbortController | undefined;
  readonly onDidChange = this.emitter.event;

  constructor(
    private readonly log: vscode.LogOutputChannel,
    private readonly config: Config,
    private readonly state?: vscode.Memento,
  ) {
    this.index = new WorkspaceIndex(log);
    this.disposables.push(
      this.index,
      this.emitter,
      this.index.onDidChange(({ added, removed }) => {
        for (const f of added) this.resolver?.addFile(f);
        for (const f of removed) this.resolver?.removeFile(f);
        this.scheduleRefresh();
      }),
      config.onDidChange((e) => {
        if (e.affects('pathMappings')) this.resolver = undefined;
        if (e.affects('pathMappings') || e.affects('valueType')) this.scheduleRefresh();
      }),
    );
  }

  get current(): LoadedProfile | undefined {
    return this.loaded;
  }

  /** The last load that failed (for tests and the "Show Log" path); cleared by a good load. */
  get lastError(): LoadFailure | undefined {
    return this.failure;
  }

  get workspaceIndex(): WorkspaceIndex {
    return this.index;
  }

  async load(uri: vscode.Uri): Promise<LoadedProfile | undefined> {
    const name = uri.path.split('/').pop() ?? uri.toString();
    // Opening another profile while one is still being read replaces that read.
    this.pending?.abort();
    const controller = new AbortController();
    this.pending = controller;
    const started = Date.now();
    this.log.info(`Loading ${uri.fsPath}`);
    try {
      const profile = await vscode.window.withProgress(
        {
          location: vscode.ProgressLocation.Notification,
          title: `Hotspot Lens: reading ${name}`,
          cancellable: true,
        },
        async (progress, token) => {
          token.onCancellationRequested(() => controller.abort());
          let reported = 0;
          return importProfileFile(uri.fsPath, {
            signal: controller.signal,
            onProgress: (read, total) => {
              if (!total) return;
              const pct = Math.floor((read / total) * 100);
              if (pct > reported) progress.report({ increment: pct - reported });
              reported = pct;
            },
          });
        },
      );
      await this.index.ready;
      if (controller.signal.aborted) throw new ImportCancelled();
      const view = this.view(uri, profile);
      const m = profile.meta;
      this.log.info(
        `Loaded ${name}: ${m.format}${m.tool ? ` (${m.tool})` : ''}, ${m.sampleRecords} samples, ` +
          `${profile.frames.length} frames, ${m.skipped} skipped, in ${Date.now() - started} ms`,
      );
      for (const w of m.warnings) this.log.warn(`${name}: ${w}`);
      this.failure = undefined;
      this.set(view);
      void this.state?.update(LAST_PROFILE_KEY, uri.toString());
      return view;
    } catch (err) {
      if (err instanceof ImportCancelled || controller.signal.aborted) {
        this.log.info(`Loading ${name} cancelled; the previous profile stays loaded`);
        return undefined;
      }
      this.reportFailure(uri, name, err);
      return undefined;
    } finally {
      if (this.pending === controller) this.pending = undefined;
    }
  }

  /** Reloads the profile this workspace had open last time, if its file still exists. */
  async restore(): Promise<LoadedProfile | undefined> {
    const last = this.state?.get<string>(LAST_PROFILE_KEY);
    if (!last) return this.loadConfigured();
    const uri = vscode.Uri.parse(last);
    try {
      await vscode.workspace.fs.stat(uri);
    } catch {
      this.log.info(`Last profile ${uri.fsPath} is gone; not reloading it`);
      void this.state?.update(LAST_PROFILE_KEY, undefined);
      return undefined;
    }
    return this.load(uri);
  }

  /**
   * `hotspotLens.profile.path`: a profile the workspace asks for at open (the demo workspace uses
   * it), only when nothing was opened there before, so a user's own choice always wins.
   */
  private async loadConfigured(): Promise<LoadedProfile | undefined> {
    const setting = this.config.settings.profilePath;
    if (setting === undefined) return undefined;
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const isAbsolute = /^([/\\]|[a-zA-Z]:[/\\])/.test(setting);
    if (!isAbsolute && !folder) return undefined;
    const uri = isAbsolute ? vscode.Uri.file(setting) : vscode.Uri.joinPath(folder!, setting);
    this.log.info(`Loading ${uri.fsPath} (hotspotLens.profile.path)`);
    return this.load(uri);
  }

  clear(): void {
    if (!this.loaded) return;
    this.log.info(`Cleared ${this.loaded.uri.fsPath}`);
    void this.state?.update(LAST_PROFILE_KEY, undefined);
    this.set(undefined);
  }

  private set(value: LoadedProfile | undefined): void {
    this.loaded = value;
    this.emitter.fire(value);
  }

  private view(uri: vscode.Uri, profile: Profile): LoadedProfile {
    const s = this.config.settings;
    this.resolver ??= new PathResolver(
      this.index.relativePaths,
      s.pathMappings,
      this.index.root?.fsPath,
    );
    let valueIndex = profile.defaultValue;
    if (s.valueType !== undefined) {
      const i = profile.valueTypes.findIndex((v) => v.type === s.valueType);
      if (i >= 0) valueIndex = i;
      else this.log.warn(`Value type "${s.valueType}" is not in this profile; showing the default`);
    }
    return new ProfileView(uri, profile, attribute(profile, valueIndex), this.resolver, this.index);
  }

  /** Workspace files or mappings changed: rebuild the view so every provider re-resolves. */
  private scheduleRefresh(): void {
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => {
      if (this.loaded) this.set(this.view(this.loaded.uri, this.loaded.profile));
    }, 300);
  }

  private reportFailure(uri: vscode.Uri, name: string, err: unknown): void {
    const message = err instanceof Error ? err.message : String(err);
    this.failure = { uri, message };
    this.log.error(`Could not load ${uri.fsPath}: ${message}`);
    if (err instanceof Error && err.stack) this.log.debug(err.stack);
    const kept = this.loaded ? ` ${this.loaded.uri.path.split('/').pop()} stays loaded.` : '';
    void vscode.window
      .showErrorMessage(
        `Hotspot Lens could not open ${name}: ${message.replace(/\.$/, '')}.${kept}`,
        'Open Profile…',
        'Show Log',
      )
      .then((choice) => {
        if (choice === 'Open Profile…') void vscode.commands.executeCommand(Command.openProfile);
        if (choice === 'Show Log') this.log.show();
      });
  }

  dispose(): void {
    this.pending?.abort();
    clearTimeout(this.refreshTimer);
    for (const d of this.disposables) d.dispose();
  }
}
