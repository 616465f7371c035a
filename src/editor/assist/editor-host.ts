// The assist tools' host inside VS Code: the workspace folder, the profile the ProfileStore has
// loaded (and the baseline "Compare With Baseline…" picked), the Sentry span data the editor has
// already fetched, and py-spy through the editor's CaptureRunner. Nothing is imported or fetched
// again: the loaded profile goes into the catalog with the store's own attribution. Loaded only
// on the first tool call (register.ts imports it lazily), so activation does not pay for it.
import * as vscode from 'vscode';
import type { AssistHost, CaptureRequest, SentrySource } from '../../assist/host';
import { ProfileCatalog } from '../../assist/profile-catalog';
import { ToolError } from '../../assist/types';
import { Workspace } from '../../assist/workspace';
import type { CaptureRunner } from '../capture/capture-runner';
import { rememberedOptions } from '../capture/capture-options';
import { activePythonPath, withInterpreter } from '../capture/python-env';
import { readSettings } from '../config';
import type { EditorContext } from '../ctx';
import type { SentryData } from '../sentry/data';

export interface EditorParts {
  /** Undefined when the Sentry part failed to start. */
  readonly sentry?: SentryData;
  /** Undefined when the capture part failed to start. */
  readonly capture?: CaptureRunner;
}

export class EditorAssistHost implements vscode.Disposable {
  private cached: { host: AssistHost; key: readonly unknown[] } | undefined;
  private filesVersion = 0;
  private readonly disposables: vscode.Disposable[];

  constructor(
    private readonly ctx: EditorContext,
    private readonly parts: EditorParts,
  ) {
    this.disposables = [
      ctx.store.workspaceIndex.onDidChange(() => this.filesVersion++),
      ctx.config.onDidChange((e) => {
        if (e.affects('pathMappings')) this.cached = undefined;
      }),
    ];
  }

  /** The Sentry token, to scrub from every answer (the tools never print it; this is a net). */
  async secret(): Promise<string | undefined> {
    return this.parts.sentry?.auth.token();
  }

  /**
   * The host for one call. The workspace and catalog are rebuilt only when the loaded profile,
   * the baseline or the workspace files changed, so a loaded profile's per-function file
   * resolution is done once, not per call.
   */
  async host(): Promise<AssistHost> {
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!folder)
      throw new ToolError(
        'no workspace folder is open: open the project folder in VS Code, then ask again',
      );
    const { store, baseline } = this.ctx;
    const index = store.workspaceIndex;
    await index.ready;
    const loaded = store.current;
    const comparison = baseline.for(loaded);
    const key = [folder.uri.toString(), loaded, comparison, this.filesVersion];
    const sentry = await this.sentry();
    if (this.cached && key.every((k, i) => k === this.cached!.key[i]))
      return { ...this.cached.host, ...sentry };

    const multi = (vscode.workspace.workspaceFolders?.length ?? 0) > 1;
    const prefix = `${folder.name}/`;
    const files: string[] = [];
    for (const rel of index.relativePaths) {
      if (!multi) files.push(rel);
      else if (rel.startsWith(prefix)) files.push(rel.slice(prefix.length));
    }
    const workspace = new Workspace(
      folder.uri.fsPath,
      files,
      this.ctx.config.settings.pathMappings,
    );
    const profiles = new ProfileCatalog(workspace);
    if (loaded) {
      const path = loaded.uri.fsPath;
      profiles.put(path, loaded.profile, loaded.valueIndex, loaded.attribution);
      profiles.current = path;
    }
    if (comparison) {
      const path = comparison.baselineUri.fsPath;
      profiles.put(path, comparison.baseline, comparison.valueIndex);
      profiles.baseline = path;
    }
    const host: AssistHost = {
      workspace,
      profiles,
      capture: this.parts.capture && ((req, signal) => this.capture(req, profiles, signal)),
    };
    this.cached = { host, key };
    return { ...host, ...sentry };
  }

  /** What the editor already fetched from Sentry; the tools never start a query set of their own. */
  private async sentry(): Promise<{ sentry?: SentrySource; sentryMissing?: string }> {
    const data = this.parts.sentry;
    if (!data)
      return { sentryMissing: 'the Sentry part of Hotspot Lens failed to start; see its log' };
    // Signed out a moment ago, the last snapshot may still be held until the refresh clears it.
    if (!data.current || !(await data.auth.token()))
      return {
        sentryMissing:
          (data.lastError ? `Sentry data could not be loaded (${data.lastError}). ` : '') +
          'No Sentry span data is loaded in VS Code: the user should run "Hotspot Lens: Sign in ' +
          'to Sentry…" and "Select Organization and Projects…", then ask again',
      };
    return {
      sentry: {
        stats: async () => {
          const snap = data.current;
          if (!snap) throw new ToolError('the Sentry data was cleared (signed out?)');
          return { rows: snap.rows, period: snap.period };
        },
        slowest: (stat, limit) => data.slowest(stat, limit),
        traceUrl: (sample) => data.traceUrl(sample),
      },
    };
  }

  /** Records through the editor's runner (progress, Cancel, loading into the store). */
  private async capture(
    req: CaptureRequest,
    profiles: ProfileCatalog,
    signal?: AbortSignal,
  ): Promise<string> {
    const runner = this.parts.capture!;
    if (!vscode.workspace.isTrusted)
      throw new ToolError(
        'capture runs py-spy, which Hotspot Lens allows only in a trusted workspace; the user ' +
          'can trust this folder (Manage Workspace Trust) and ask again',
      );
    const folder = vscode.workspace.workspaceFolders?.[0];
    const settings = readSettings();
    const pythonPath = await activePythonPath(folder, this.ctx.log);
    const remembered = rememberedOptions(this.ctx.extension.workspaceState, settings);
    let target;
    if (req.command) {
      const [command, ...args] = withInterpreter(req.command, pythonPath);
      target = { kind: 'command', command, args } as const;
    } else target = { kind: 'pid', pid: req.pid! } as const;
    const abort = () => void runner.cancel();
    signal?.addEventListener('abort', abort);
    try {
      const result = await runner.run({
        tool: 'py-spy',
        target,
        folder,
        pythonPath,
        pySpy: { ...remembered, durationSeconds: req.durationSeconds },
      });
      if (!result)
        throw new ToolError(
          signal?.aborted
            ? 'the capture was cancelled'
            : 'the capture did not finish (cancelled, or py-spy failed: the user sees why in a ' +
                'notification and in the Hotspot Lens log)',
        );
      // The runner loaded it into the store already: hand that to the catalog, not a re-import.
      const loaded = this.ctx.store.current;
      if (loaded && loaded.uri.fsPath === result.outputPath)
        profiles.put(result.outputPath, loaded.profile, loaded.valueIndex, loaded.attribution);
      return result.outputPath;
    } finally {
      signal?.removeEventListener('abort', abort);
    }
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
