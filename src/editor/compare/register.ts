// "Compare With Baseline…": diff the loaded profile against a baseline and let the lenses, heat
// and Hotspots view show the change. The baseline stays while profiles come and go, so "capture
// again after the fix" compares the new capture with the same baseline.
import * as vscode from 'vscode';
import { DiffError, diffProfiles, improvementsOf, regressionsOf } from '../../core/diff';
import { ImportCancelled } from '../../core/errors';
import { importProfileFile } from '../../core/import/on-demand';
import type { Profile } from '../../core/model';
import { Command, type CommandHandlers } from '../command-table';
import type { LoadedProfile } from '../loaded-profile';
import type { EditorContext } from '../ctx';
import { pickBaseline } from './baseline-picker';
import type { CompareHeatLine } from './compare-heat';
import type { ActiveComparison, CompareState } from './compare-state';
import { formatPoints } from './compare-text';

const CONTEXT_KEY = 'hotspotLens.comparing';

/** For the extension's test API: the comparison and what the heat draws for it. */
export interface CompareApi {
  readonly state: CompareState;
  heatFor(uri: vscode.Uri): readonly CompareHeatLine[];
}

export function registerCompare(ctx: EditorContext): {
  api: CompareApi;
  commands: CommandHandlers;
} {
  const { extension: context, store, log, baseline: compareState } = ctx;
  const apply = (uri: vscode.Uri, baseline: Profile, loaded: LoadedProfile) => {
    try {
      const diff = diffProfiles(baseline, loaded.profile, { valueIndex: loaded.valueIndex });
      return compareState.set(uri, baseline, loaded, diff);
    } catch (err) {
      if (!(err instanceof DiffError)) throw err;
      compareState.clear();
      log.warn(`Cannot compare with ${uri.fsPath}: ${err.message}`);
      void vscode.window.showErrorMessage(`Hotspot Lens cannot compare: ${err.message}.`);
      return undefined;
    }
  };

  const compare = async (arg?: vscode.Uri | string): Promise<ActiveComparison | undefined> => {
    const loaded = store.current;
    if (!loaded) {
      const open = 'Open Profile…';
      const choice = await vscode.window.showErrorMessage(
        'Hotspot Lens: open the new profile first, then compare it with a baseline.',
        open,
      );
      if (choice === open) await vscode.commands.executeCommand(Command.openProfile);
      return undefined;
    }
    const picked =
      arg instanceof vscode.Uri
        ? arg
        : typeof arg === 'string'
          ? vscode.Uri.file(arg)
          : await pickBaseline(loaded.uri, compareState.current !== undefined);
    if (picked === 'stop') {
      compareState.clear();
      return undefined;
    }
    if (!picked) return undefined;
    const baseline = await readBaseline(picked, log);
    // The store may have loaded another profile while the baseline was read.
    const now = store.current;
    if (!baseline || !now) return undefined;
    const active = apply(picked, baseline, now);
    if (active) report(active, log);
    return active;
  };

  context.subscriptions.push(
    compareState.onDidChange((active) => {
      void vscode.commands.executeCommand('setContext', CONTEXT_KEY, active !== undefined);
    }),
    store.onDidChange((loaded) => {
      const active = compareState.current;
      if (!active) return;
      if (!loaded || loaded.uri.toString() === active.baselineUri.toString()) {
        compareState.clear();
        return;
      }
      // Same profile, same value: nothing to redo (the store rebuilds views on file changes).
      if (compareState.for(loaded)) return;
      if (apply(active.baselineUri, active.baseline, loaded)) {
        log.info(`Compared ${loaded.uri.fsPath} with the baseline ${active.baselineUri.fsPath}`);
      }
    }),
  );
  return {
    api: { state: compareState, heatFor: (uri) => ctx.baselineOverlay.heat.heatFor(uri) },
    commands: { compareWithBaseline: compare, stopComparing: () => compareState.clear() },
  };
}

async function readBaseline(
  uri: vscode.Uri,
  log: vscode.LogOutputChannel,
): Promise<Profile | undefined> {
  const name = uri.path.split('/').pop() ?? uri.fsPath;
  try {
    return await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: `Hotspot Lens: reading the baseline ${name}`,
        cancellable: true,
      },
      (_progress, token) => {
        const controller = new AbortController();
        token.onCancellationRequested(() => controller.abort());
        return importProfileFile(uri.fsPath, { signal: controller.signal });
      },
    );
  } catch (err) {
    if (err instanceof ImportCancelled) return undefined;
    const message = err instanceof Error ? err.message : String(err);
    log.error(`Could not read the baseline ${uri.fsPath}: ${message}`);
    void vscode.window.showErrorMessage(
      `Hotspot Lens could not read the baseline ${name}: ${message.replace(/\.$/, '')}.`,
    );
    return undefined;
  }
}

/** One line in the log and a notification naming the biggest win and regression. */
function report(active: ActiveComparison, log: vscode.LogOutputChannel): void {
  const win = improvementsOf(active.diff)[0];
  const loss = regressionsOf(active.diff)[0];
  const parts = [
    win && `biggest win ${win.name} ${formatPoints(win.delta)}`,
    loss && `biggest regression ${loss.name} ${formatPoints(loss.delta)}`,
  ].filter(Boolean);
  const text = `Compared with ${active.baselineName}: ${parts.join(', ') || 'no change'}`;
  log.info(`${text} (${active.diff.rows.length} functions, self share in points)`);
  void vscode.window.showInformationMessage(`Hotspot Lens: ${text}.`);
}
