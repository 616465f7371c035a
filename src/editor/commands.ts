import * as vscode from 'vscode';
import type { CommandHandlers } from './command-table';
import type { AnnotationMode, Config } from './config';
import type { ProfileStore } from './profile-store';

/** File-dialog filters; the importers sniff content too, so "All files" is offered as well. */
export const PROFILE_FILTERS: Record<string, string[]> = {
  Profiles: ['json', 'txt', 'folded', 'collapsed', 'pprof', 'pb', 'gz', 'prof', 'perf', 'raw'],
  'All files': ['*'],
};

const NEXT_MODE: Record<AnnotationMode, AnnotationMode> = {
  codeLens: 'inline',
  inline: 'heatOnly',
  heatOnly: 'codeLens',
};

/** Opening, clearing and showing profiles: the commands of the command palette. */
export function profileCommands(
  store: ProfileStore,
  config: Config,
  log: vscode.LogOutputChannel,
): CommandHandlers {
  return {
    openProfile: async (arg?: vscode.Uri) => {
      const uri = arg instanceof vscode.Uri ? arg : await pickProfile(store);
      return uri ? store.load(uri) : undefined;
    },
    openProfileFromExplorer: async (uri?: vscode.Uri) => {
      const target = uri ?? vscode.window.activeTextEditor?.document.uri;
      if (!target) {
        void vscode.window.showErrorMessage(
          'Hotspot Lens: no file selected. Right-click a profile file in the Explorer, or use "Open Profile…".',
        );
        return undefined;
      }
      return store.load(target);
    },
    clearProfile: () => store.clear(),
    showLog: () => log.show(),
    toggleAnnotations: async () => {
      const next = NEXT_MODE[config.settings.annotations];
      await config.update('annotations', next);
      const label = { codeLens: 'CodeLens', inline: 'inline text', heatOnly: 'line heat only' };
      vscode.window.setStatusBarMessage(`Hotspot Lens annotations: ${label[next]}`, 3000);
      return next;
    },
  };
}

async function pickProfile(store: ProfileStore): Promise<vscode.Uri | undefined> {
  const picked = await vscode.window.showOpenDialog({
    title: 'Open a CPU profile (py-spy, perf script, pprof, speedscope, folded stacks)',
    canSelectMany: false,
    canSelectFolders: false,
    openLabel: 'Open Profile',
    filters: PROFILE_FILTERS,
    defaultUri: store.current?.uri ?? vscode.workspace.workspaceFolders?.[0]?.uri,
  });
  return picked?.[0];
}
