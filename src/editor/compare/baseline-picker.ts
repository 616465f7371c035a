// "Compare With Baseline…": choose the baseline among earlier captures of the workspace, or any
// profile file on disk.
import { isAbsolute, join } from 'path';
import * as vscode from 'vscode';
import { PROFILE_FILTERS } from '../commands';
import { ago, listCaptures } from './baseline-files';

const DEFAULT_CAPTURE_DIR = '.hotspot-lens/captures';

type Pick = vscode.QuickPickItem & { uri?: vscode.Uri; action?: 'browse' | 'stop' };

/** Capture folders of every workspace folder (`hotspotLens.capture.outputDirectory`). */
function captureDirs(): string[] {
  const setting = vscode.workspace
    .getConfiguration('hotspotLens')
    .get<string>('capture.outputDirectory', DEFAULT_CAPTURE_DIR);
  if (isAbsolute(setting)) return [setting];
  return (vscode.workspace.workspaceFolders ?? []).map((f) => join(f.uri.fsPath, setting));
}

/** The chosen baseline, 'stop' to end the comparison, or undefined when dismissed. */
export async function pickBaseline(
  current: vscode.Uri | undefined,
  comparing: boolean,
): Promise<vscode.Uri | 'stop' | undefined> {
  const now = Date.now();
  const captures = (await Promise.all(captureDirs().map(listCaptures))).flat();
  const items: Pick[] = captures
    .filter((c) => c.path !== current?.fsPath)
    .map((c) => ({
      label: `$(history) ${c.name}`,
      description: ago(c.mtimeMs, now),
      detail: c.path,
      uri: vscode.Uri.file(c.path),
    }));
  if (items.length > 0)
    items.unshift({ label: 'Earlier captures', kind: vscode.QuickPickItemKind.Separator });
  items.push(
    { label: '', kind: vscode.QuickPickItemKind.Separator },
    {
      label: '$(folder-opened) Browse for a profile file…',
      action: 'browse',
    },
  );
  if (comparing) items.push({ label: '$(close) Stop comparing', action: 'stop' });
  const choice = await vscode.window.showQuickPick(items, {
    title: 'Compare With Baseline',
    placeHolder: current
      ? `Baseline to compare ${current.path.split('/').pop()} against`
      : 'Baseline profile',
    matchOnDetail: true,
  });
  if (!choice) return undefined;
  if (choice.action === 'stop') return 'stop';
  if (choice.uri) return choice.uri;
  const picked = await vscode.window.showOpenDialog({
    title: 'Baseline profile',
    canSelectMany: false,
    filters: PROFILE_FILTERS,
    openLabel: 'Compare',
  });
  return picked?.[0];
}
