import * as vscode from 'vscode';
import { Command, type CommandHandlers } from './command-table';
import type { Config } from './config';
import type { FunctionPlacement } from './function-placement';
import type { HotspotNode, HotspotsTreeProvider } from './hotspots-tree';
import type { ProfileStore } from './profile-store';
import { lineStart } from './lines';

interface Deps {
  readonly store: ProfileStore;
  readonly config: Config;
  readonly placement: FunctionPlacement;
  readonly tree: HotspotsTreeProvider;
  readonly view: vscode.TreeView<HotspotNode>;
}

/** Commands that act on one function or file of the loaded profile (lens, tree, hover). */
export function hotspotCommands(d: Deps): CommandHandlers {
  const reveal = async (arg?: { key?: string }) => {
    const node = arg?.key === undefined ? undefined : d.tree.find(arg.key);
    if (!node) return false;
    await d.view.reveal(node, { select: true, focus: true, expand: true });
    return true;
  };
  return {
    // The lens command: "why is this hot?" is answered by the flamegraph, so it opens beside the
    // code with the function selected; the Hotspots view follows without taking the focus.
    showFunction: async (arg?: { key?: string }) => {
      await vscode.commands.executeCommand(Command.showFlamegraph, { key: arg?.key });
      const node = arg?.key === undefined ? undefined : d.tree.find(arg.key);
      if (node && d.view.visible) await d.view.reveal(node, { select: true, focus: false });
      return node !== undefined;
    },
    revealInHotspots: reveal,
    openFunction: (arg?: { key?: string }) => openFunction(d, arg?.key),
    mapPath: (node?: HotspotNode | { file?: string }, from?: string, to?: string) =>
      mapPath(d, node && 'file' in node ? node.file : undefined, from, to),
  };
}

/** Opens the source of a profiled function at its def line (or the hottest line we know). */
async function openFunction(d: Deps, key: string | undefined): Promise<boolean> {
  const loaded = d.store.current;
  const stat = key === undefined ? undefined : loaded?.functionByKey(key);
  if (!loaded || !stat) return false;
  const uri = loaded.resolve(stat.file);
  if (!uri) {
    void vscode.window.showWarningMessage(
      `Hotspot Lens: ${stat.file ?? stat.name} is not in this workspace. Add a path mapping ("Map path…" in the Hotspots view).`,
    );
    return false;
  }
  try {
    const doc = await vscode.workspace.openTextDocument(uri);
    const placed = (await d.placement.place(loaded, doc)).find((p) => p.stat.key === key);
    const line = placed?.defLine ?? stat.firstLine ?? 1;
    await vscode.window.showTextDocument(doc, { selection: lineStart(line, doc) });
    return true;
  } catch (err) {
    void vscode.window.showErrorMessage(
      `Hotspot Lens could not open ${uri.fsPath}: ${String(err)}. Check that the file exists.`,
    );
    return false;
  }
}

/**
 * Adds a `hotspotLens.pathMappings` entry: the capture-time prefix of `file` → a workspace
 * folder. Asks for what the arguments do not give (tests pass both).
 */
async function mapPath(d: Deps, file?: string, from?: string, to?: string): Promise<boolean> {
  const dir = file ? file.replace(/[\\/][^\\/]*$/, '') : '';
  from ??= await vscode.window.showInputBox({
    title: 'Map a profile path to the workspace (1/2)',
    prompt: 'Path prefix as the profile recorded it; it is replaced by the folder you pick next',
    value: dir,
    validateInput: (v) => (v.trim() === '' ? 'Enter a path prefix, e.g. /app/src' : undefined),
  });
  if (!from) return false;
  if (to === undefined) {
    const root = vscode.workspace.workspaceFolders?.[0]?.uri;
    const picked = await vscode.window.showOpenDialog({
      title: `Map ${from} to… (2/2)`,
      canSelectFolders: true,
      canSelectFiles: false,
      defaultUri: root,
      openLabel: 'Map to This Folder',
    });
    if (!picked?.[0]) return false;
    const rel = root && vscode.workspace.asRelativePath(picked[0], false);
    to =
      rel !== undefined && vscode.workspace.getWorkspaceFolder(picked[0])
        ? picked[0].toString() === root!.toString()
          ? '${workspaceFolder}'
          : `\${workspaceFolder}/${rel}`
        : picked[0].fsPath;
  }
  const mappings = [...d.config.settings.pathMappings, { from: from.trim(), to }];
  await d.config.update('pathMappings', mappings);
  vscode.window.setStatusBarMessage(`Hotspot Lens: mapped ${from} → ${to}`, 4000);
  return true;
}
