import * as vscode from 'vscode';
import { isAbsolute, join } from 'path';
import {
  CaptureError,
  findTool,
  newCapturePath,
  perfRecordArgs,
  pySpyRecordArgs,
  startPerfCapture,
  startPySpyCapture,
  type CaptureResult,
  type CaptureSession,
  type CaptureTarget,
  type CaptureTool,
  type PerfOptions,
  type PySpyOptions,
} from '../../capture/index';
import { readSettings } from '../config';
import type { ProfileStore } from '../profile-store';
import { showCaptureFailure } from './failure';
import { offerGitignore } from './gitignore';
import { CaptureIndicator } from './indicator';

// Runs one capture at a time for the commands and the `hotspot-lens` task: finds the tool,
// starts it, shows progress (notification with Cancel, status bar indicator), then loads the
// file into the store so lenses, heat and the flamegraph update.

export interface CaptureRequest {
  readonly tool: CaptureTool;
  readonly target: CaptureTarget;
  readonly folder: vscode.WorkspaceFolder | undefined;
  readonly pythonPath?: string;
  readonly pySpy?: PySpyOptions;
  readonly perf?: PerfOptions;
  /** Tasks write progress to their terminal instead of a notification. */
  readonly onProgress?: (message: string) => void;
}

export class CaptureRunner implements vscode.Disposable {
  private session: CaptureSession | undefined;
  private disposed = false;
  private readonly indicator = new CaptureIndicator();

  constructor(
    private readonly store: ProfileStore,
    private readonly log: vscode.LogOutputChannel,
    private readonly state: vscode.Memento,
    private readonly fallbackDir: vscode.Uri,
  ) {}

  get running(): boolean {
    return this.session !== undefined;
  }

  /** Ends the running capture early, keeping its samples. */
  stop(): boolean {
    if (!this.session) return false;
    this.log.info('Stopping the capture early (SIGINT); keeping what was sampled');
    this.session.stop();
    return true;
  }

  async cancel(): Promise<void> {
    await this.session?.cancel();
  }

  /** The finished capture, or undefined when it failed, was cancelled or could not start. */
  async run(request: CaptureRequest): Promise<CaptureResult | undefined> {
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showWarningMessage(
        'Hotspot Lens runs py-spy and perf only in a trusted workspace.',
      );
      return undefined;
    }
    if (this.session) {
      const stop = await vscode.window.showWarningMessage(
        'A capture is already running.',
        'Stop Capture',
      );
      if (stop) this.stop();
      return undefined;
    }
    const settings = readSettings();
    const cwd = request.folder?.uri.fsPath;
    let commandLine: string[] | undefined;
    try {
      const tool = await findTool(request.tool, {
        explicitPath: request.tool === 'py-spy' ? settings.pySpyPath : settings.perfPath,
        pythonPath: request.pythonPath,
      });
      this.log.info(`Using ${tool.tool} at ${tool.path} (found via ${tool.source})`);
      const dir = this.outputDir(settings.capture.outputDirectory, request.folder);
      const outputPath = await newCapturePath(dir, request.tool, request.target);
      commandLine =
        request.tool === 'py-spy'
          ? [tool.path, ...pySpyRecordArgs(request.target, outputPath, request.pySpy)]
          : [tool.path, ...perfRecordArgs(request.target, `${outputPath}.data`, request.perf)];
      this.log.info(`Running ${JSON.stringify(commandLine)}${cwd ? ` in ${cwd}` : ''}`);
      const base = { tool, target: request.target, outputPath, cwd };
      // Deactivated while the tool was being looked up: starting now would leave an orphan.
      if (this.disposed) return undefined;
      this.session =
        request.tool === 'py-spy'
          ? startPySpyCapture({ ...base, options: request.pySpy })
          : startPerfCapture({ ...base, options: request.perf });
      const result = await this.follow(this.session, request.onProgress);
      this.log.info(`Capture written to ${result.outputPath}`);
      for (const note of result.notes) this.log.warn(note);
      if (result.toolOutput.trim()) this.log.debug(result.toolOutput.trim());
      if (result.notes.length > 0)
        void vscode.window.showInformationMessage(result.notes.join(' '));
      await this.store.load(vscode.Uri.file(result.outputPath));
      if (request.folder) void offerGitignore(request.folder, dir, this.state, this.log);
      return result;
    } catch (err) {
      if (err instanceof CaptureError && err.kind === 'cancelled') {
        this.log.info(err.message);
        request.onProgress?.(err.message);
        return undefined;
      }
      if (err instanceof CaptureError) {
        request.onProgress?.(`${err.message}\n${err.nextSteps.join('\n')}`);
        void showCaptureFailure(err, {
          tool: request.tool,
          commandLine,
          pythonPath: request.pythonPath,
          cwd,
          log: this.log,
        });
        return undefined;
      }
      throw err;
    } finally {
      this.session = undefined;
      this.indicator.hide();
    }
  }

  private outputDir(setting: string, folder: vscode.WorkspaceFolder | undefined): string {
    if (isAbsolute(setting)) return setting;
    return folder ? join(folder.uri.fsPath, setting) : join(this.fallbackDir.fsPath, 'captures');
  }

  /** Progress until the session settles: notification (or task terminal) and status bar. */
  private follow(
    session: CaptureSession,
    onProgress: ((message: string) => void) | undefined,
  ): Promise<CaptureResult> {
    const describe = () => {
      const elapsed = Math.floor((Date.now() - session.startedAt) / 1000);
      const d = session.durationSeconds;
      const left =
        d === undefined
          ? 'until stopped'
          : elapsed >= d
            ? 'writing the profile…'
            : `${Math.ceil(d - elapsed)} s left`;
      return { elapsed, text: `${elapsed} s elapsed, ${left}` };
    };
    this.indicator.show(session.tool.tool, () => describe().elapsed);
    if (onProgress) {
      onProgress(`Recording with ${session.tool.tool} into ${session.outputPath}`);
      return session.result;
    }
    return Promise.resolve(
      vscode.window.withProgress(
        {
          location: vscode.ProgressLocation.Notification,
          title: `Hotspot Lens: recording with ${session.tool.tool}`,
          cancellable: true,
        },
        async (progress, token) => {
          token.onCancellationRequested(() => {
            this.log.info('Capture cancelled from the notification; discarding it');
            void session.cancel();
          });
          const tick = () => progress.report({ message: `${describe().text} (Cancel discards)` });
          tick();
          const timer = setInterval(tick, 1000);
          try {
            return await session.result;
          } finally {
            clearInterval(timer);
          }
        },
      ),
    );
  }

  dispose(): void {
    // Never leave py-spy or perf (or a command they launched) behind when the extension stops:
    // cancel() sends SIGKILL to the capture's process group synchronously, before the host exits
    // (test/unit/capture-orphans.test.ts).
    this.disposed = true;
    void this.session?.cancel();
    this.indicator.dispose();
  }
}
