import * as vscode from 'vscode';
import type { LoadedProfile } from '../profile-store';
import { isRecordedSourcePath } from './messages';
import { lineStart } from '../lines';

/**
 * The file a frame may open: its path mapped into the workspace, or else the absolute path the
 * profile itself recorded, if that file exists. The webview only names a frame id, so it can
 * never make the extension open a path of its choosing.
 */
export async function frameSourceUri(
  loaded: LoadedProfile,
  frameId: number,
): Promise<vscode.Uri | undefined> {
  const frame = loaded.profile.frames[frameId];
  if (frame?.file === undefined) return undefined;
  const mapped = loaded.resolve(frame.file);
  if (mapped) return vscode.workspace.getWorkspaceFolder(mapped) ? mapped : undefined;
  if (!isRecordedSourcePath(frame.file)) return undefined;
  const uri = vscode.Uri.file(frame.file);
  try {
    const stat = await vscode.workspace.fs.stat(uri);
    return stat.type & vscode.FileType.File ? uri : undefined;
  } catch {
    return undefined;
  }
}

/** The column of a text editor beside the panel, so the code and the graph stay side by side. */
function columnBeside(panelColumn: vscode.ViewColumn | undefined): vscode.ViewColumn {
  const other = vscode.window.visibleTextEditors.find(
    (e) => e.viewColumn !== undefined && e.viewColumn !== panelColumn,
  );
  return other?.viewColumn ?? vscode.ViewColumn.Beside;
}

export async function openFrameSource(
  loaded: LoadedProfile,
  frameId: number,
  panelColumn: vscode.ViewColumn | undefined,
  log: vscode.LogOutputChannel,
): Promise<vscode.TextEditor | undefined> {
  const frame = loaded.profile.frames[frameId];
  const uri = await frameSourceUri(loaded, frameId);
  if (!uri) {
    const where = frame?.file ?? 'no file';
    log.info(`Flamegraph: ${frame?.name ?? frameId} (${where}) is not in the workspace`);
    void vscode.window.showInformationMessage(
      `Hotspot Lens: the source of ${frame?.name ?? 'this frame'} (${where}) is not in the workspace. ` +
        'Add a path mapping (hotspotLens.pathMappings) to open it.',
    );
    return undefined;
  }
  const document = await vscode.workspace.openTextDocument(uri);
  // Lines are 1-based in core; VS Code positions are 0-based, converted here at the edge.
  const range = lineStart(frame.line ?? 1, document);
  const editor = await vscode.window.showTextDocument(document, {
    viewColumn: columnBeside(panelColumn),
    selection: range,
    preserveFocus: false,
  });
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return editor;
}
