import * as vscode from 'vscode';
import type { PerfCallGraph } from '../../capture/index';
import type { CommandHandlers } from '../command-table';
import { readSettings, SECTION } from '../config';
import type { CaptureRunner } from './capture-runner';
import { pickDuration, pickPySpyOptions, rememberedOptions } from './capture-options';
import { pickProcess } from './process-picker';
import { activePythonPath, withInterpreter } from './python-env';
import {
  activePythonFile,
  askCommand,
  pickNativeTarget,
  targetOf,
  type CaptureCommandArgs,
} from './targets';

// The command-palette flows: pick a target and options (or take them from the command's
// arguments), then hand over to the CaptureRunner.

const LAST_PYTHON_COMMAND = 'hotspotLens.capture.lastPythonCommand';

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

export function captureCommands(
  runner: CaptureRunner,
  state: vscode.Memento,
  log: vscode.LogOutputChannel,
): CommandHandlers {
  const profileProcess = async (given?: CaptureCommandArgs) => {
    if (!ensureTrusted()) return undefined;
    const pid =
      given?.pid ??
      (await pickProcess('Hotspot Lens: profile a running Python process (py-spy)', true))?.pid;
    if (pid === undefined) return undefined;
    const options = given ?? (await pickPySpyOptions(state, readSettings()));
    if (!options) return undefined;
    const folder = currentFolder();
    const pythonPath = await activePythonPath(folder, log);
    const target = { kind: 'pid', pid } as const;
    return runner.run({ tool: 'py-spy', target, folder, pythonPath, pySpy: options });
  };

  const profileCommand = async (given?: CaptureCommandArgs) => {
    if (!ensureTrusted()) return undefined;
    const folder = currentFolder();
    const pythonPath = await activePythonPath(folder, log);
    const typed =
      given?.command ??
      (await askCommand(
        state,
        LAST_PYTHON_COMMAND,
        'Hotspot Lens: Python command to profile with py-spy',
        activePythonFile(folder),
      ));
    if (!typed || typed.length === 0) return undefined;
    const options = given ?? (await pickPySpyOptions(state, readSettings()));
    if (!options) return undefined;
    const [command, ...args] = withInterpreter(typed, pythonPath);
    const target = { kind: 'command', command, args } as const;
    return runner.run({ tool: 'py-spy', target, folder, pythonPath, pySpy: options });
  };

  const recordNative = async (given?: CaptureCommandArgs) => {
    if (!ensureTrusted()) return undefined;
    const folder = currentFolder();
    const target = given ? targetOf(given) : await pickNativeTarget(state);
    if (!target) return undefined;
    const settings = readSettings();
    const last = rememberedOptions(state, settings);
    const durationSeconds = given
      ? given.durationSeconds
      : await pickDuration(last.durationSeconds, settings);
    if (durationSeconds === null) return undefined;
    const callGraph =
      given?.callGraph ??
      vscode.workspace.getConfiguration(SECTION).get<PerfCallGraph>('perf.callGraph', 'fp');
    return runner.run({
      tool: 'perf',
      target,
      folder,
      perf: {
        durationSeconds,
        rateHz: given?.rateHz ?? last.rateHz,
        callGraph: callGraph === 'dwarf' ? 'dwarf' : 'fp',
      },
    });
  };

  return {
    profilePythonProcess: profileProcess,
    profilePythonCommand: profileCommand,
    recordNativeProfile: recordNative,
    stopCapture: () => {
      if (!runner.stop()) void vscode.window.showInformationMessage('No capture is running.');
    },
  };
}
