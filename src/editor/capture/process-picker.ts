import * as vscode from 'vscode';
import { listProcesses, type ProcessInfo } from '../../capture/index';

// "Profile Running Python Process": a QuickPick of running processes with PID, user, full
// command line and CPU%, Python processes only at first, with an item that widens to all.

type Item = vscode.QuickPickItem & { process?: ProcessInfo; showAll?: boolean };

function itemOf(p: ProcessInfo): Item {
  return {
    label: `${p.isPython ? '$(symbol-method) ' : ''}${p.command}`,
    description: `PID ${p.pid}`,
    detail: `${p.user} · ${p.cpuPercent.toFixed(1)}% CPU`,
    process: p,
  };
}

/** The chosen process, or undefined when dismissed. */
export async function pickProcess(
  title: string,
  pythonOnly: boolean,
): Promise<ProcessInfo | undefined> {
  const quickPick = vscode.window.createQuickPick<Item>();
  quickPick.title = title;
  quickPick.placeholder = 'Type to filter by command line, PID or user';
  quickPick.matchOnDescription = true;
  quickPick.matchOnDetail = true;
  quickPick.busy = true;
  quickPick.show();
  try {
    const processes = (await listProcesses()).filter((p) => p.pid !== process.pid);
    let showAll = !pythonOnly || !processes.some((p) => p.isPython);
    const fill = () => {
      const shown = showAll ? processes : processes.filter((p) => p.isPython);
      const items: Item[] = shown.map(itemOf);
      if (!showAll) {
        items.push({ label: '', kind: vscode.QuickPickItemKind.Separator });
        items.push({
          label: '$(list-unordered) Show all processes',
          description: `${processes.length - shown.length} more`,
          showAll: true,
          alwaysShow: true,
        });
      }
      quickPick.items = items;
    };
    fill();
    quickPick.busy = false;
    return await new Promise<ProcessInfo | undefined>((resolve) => {
      quickPick.onDidAccept(() => {
        const pick = quickPick.selectedItems[0];
        if (pick?.showAll) {
          showAll = true;
          fill();
          return;
        }
        resolve(pick?.process);
        quickPick.hide();
      });
      quickPick.onDidHide(() => resolve(undefined));
    });
  } finally {
    quickPick.dispose();
  }
}
