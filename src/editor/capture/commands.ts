import * as vscode from 'vscode';
import { CommandLineError, splitCommandLine, type PerfCallGraph } from '../../capture/index';
import { readSettings, SECTION } from '../config';
import type { CaptureRunner } from './capture-runner';
import { pickDuration, pickPySpyOptions, rememberedOptions } from './capture-options';
import { pickProcess } from './process-picker';
import { activePythonPath, withInterpreter } from './python-env';

// The command-palette flows: pick a target and options, then hand over to the CaptureRunner.

const LAST_PYTHON_COMMAND = 'hotspotLens.capture.lastPythonCommand';
const LAST_NATIVE_COMMAND = 'hotspotLens.capture.lastNativeCommand';

function currentFolder(): vscode.WorkspaceFolder | undefined {
  const active = vscode.window.activeTextEditor?.document.uri;
  return (
    (active && vscode.workspace.getWorkspaceFolder(active)) ??
    vscode.workspace.workspaceFolders?.[0]
  );
}

/** The runtime half of the Workspace Trust rule (the manifest hides the commands too). */
export function ensureTrusted(): boolean {
  if (vscode.workspace.isTrusted) return true;
  void vscode.window
    .showWarningMessage(
      'Capturing a profile runs py-spy or perf, which needs a trusted workspace.',
      'Manage Workspace Trust',
    )
    .then((c) => c && vscode.commands.executeCommand('workbench.trust.manage'));
  return false;
}

async function askCommand(
  state: vscode.Memento,
  key: string,
  title: string,
  suggestion: string,
): Promise<string[] | undefined> {
  const text = await vscode.window.showInputBox({
    title,
    prompt: 'Program and arguments, run in the workspace folder (no shell: quotes group words)',
    value: state.get<string>(key) ?? suggestion,
    validateInput: (v) => {
      try {
        return splitCommandLine(v).length > 0 ? undefined : 'Type a command';
      } catch (e) {
        return (e as CommandLineError).message;
      }
    },
  });
  if (text === undefined) return undefined;
  await state.update(key, text);
  return splitCommandLine(text);
}

function activePythonFile(folder: vscode.WorkspaceFolder | undefined): string {
  const doc = vscode.window.activeTextEditor?.document;
  if (!doc || doc.languageId !== 'python' || doc.uri.scheme !== 'file') return 'python main.py';
  const path = folder ? vscode.workspace.asRelativePath(doc.uri, false) : doc.uri.fsPath;
  return `python ${/\s/.test(path) ? `"${path}"` : path}`;
}

export function registerCaptureCommands(
  runner: CaptureRunner,
  state: vscode.Memento,
  log: vscode.LogOutputChannel,
): vscode.Disposable[] {
  const profileProcess = async () => {
    if (!ensureTrusted()) return;
    const picked = await pickProcess(
      'Hotspot Lens: profile a running Python process (py-spy)',
      true,
    );
    if (!picked) return;
    const options = await pickPySpyOptions(state, readSettings());
    if (!options) return;
    const folder = currentFolder();
    const pythonPath = await activePythonPath(folder, log);
    await runner.run({
      tool: 'py-spy',
      target: { kind: 'pid', pid: picked.pid },
      folder,
      pythonPath,
      pySpy: options,
    });
  };

  const profileCommand = async () => {
    if (!ensureTrusted()) return;
    const folder = currentFolder();
    const pythonPath = await activePythonPath(folder, log);
    const typed = await askCommand(
      state,
      LAST_PYTHON_COMMAND,
      'Hotspot Lens: Python command to profile with py-spy',
      activePythonFile(folder),
    );
    if (!typed) return;
    const options = await pickPySpyOptions(state, readSettings());
    if (!options) return;
    const [command, ...args] = withInterpreter(typed, pythonPath);
    await runner.run({
      tool: 'py-spy',
      target: { kind: 'command', command, args },
      folder,
      pythonPath,
      pySpy: options,
    });
  };

  const recordNative = async () => {
    if (!ensureTrusted()) return;
    const how = await vscode.window.showQuickPick(
      [
        { label: '$(debug-alt) Attach to a running process…', attach: true },
        { label: '$(terminal) Run a command…', attach: false },
      ],
      { title: 'Hotspot Lens: record a native profile with perf' },
    );
    if (!how) return;
    const folder = currentFolder();
    let target;
    if (how.attach) {
      const picked = await pickProcess('Hotspot Lens: process to record with perf', false);
      if (!picked) return;
      target = { kind: 'pid', pid: picked.pid } as const;
    } else {
      const typed = await askCommand(
        state,
        LAST_NATIVE_COMMAND,
        'Hotspot Lens: command to record with perf',
        './a.out',
      );
      if (!typed) return;
      target = { kind: 'command', command: typed[0], args: typed.slice(1) } as const;
    }
    const settings = readSettings();
    const last = rememberedOptions(state, settings);
    const durationSeconds = await pickDuration(last.durationSeconds, settings);
    if (durationSeconds === null) return;
    const callGraph = vscode.workspace
      .getConfiguration(SECTION)
      .get<PerfCallGraph>('perf.callGraph', 'fp');
    await runner.run({
      tool: 'perf',
      target,
      folder,
      perf: {
        durationSeconds,
        rateHz: last.rateHz,
        callGraph: callGraph === 'dwarf' ? 'dwarf' : 'fp',
      },
    });
  };

  return [
    vscode.commands.registerCommand('hotspotLens.profilePythonProcess', profileProcess),
    vscode.commands.registerCommand('hotspotLens.profilePythonCommand', profileCommand),
    vscode.commands.registerCommand('hotspotLens.recordNativeProfile', recordNative),
    vscode.commands.registerCommand('hotspotLens.stopCapture', () => {
      if (!runner.stop()) void vscode.window.showInformationMessage('No capture is running.');
    }),
  ];
}
