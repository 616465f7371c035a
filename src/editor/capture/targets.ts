import * as vscode from 'vscode';
import {
  CommandLineError,
  splitCommandLine,
  type CaptureTarget,
  type PerfCallGraph,
  type PySpyOptions,
} from '../../capture/index';
import { pickProcess } from './process-picker';

// Choosing what to profile: a typed command line (split without a shell), a process from the
// picker, or the arguments a caller passed to the command.

/**
 * Optional command arguments, so keybindings, other extensions and tests can skip the pickers:
 * `{ pid }` or `{ command: [...] }` plus any py-spy/perf option. The command then resolves to
 * the CaptureResult (undefined when it failed or was cancelled).
 */
export interface CaptureCommandArgs extends PySpyOptions {
  readonly pid?: number;
  readonly command?: readonly string[];
  readonly callGraph?: PerfCallGraph;
}

const LAST_NATIVE_COMMAND = 'hotspotLens.capture.lastNativeCommand';

export function targetOf(given: CaptureCommandArgs | undefined): CaptureTarget | undefined {
  if (given?.pid !== undefined) return { kind: 'pid', pid: given.pid };
  if (!given?.command || given.command.length === 0) return undefined;
  return { kind: 'command', command: given.command[0], args: given.command.slice(1) };
}

/** Asks for a command line (last one remembered under `key`) and splits it into arguments. */
export async function askCommand(
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

/** `python <the Python file in the active editor>`, the first suggestion for a command. */
export function activePythonFile(folder: vscode.WorkspaceFolder | undefined): string {
  const doc = vscode.window.activeTextEditor?.document;
  if (!doc || doc.languageId !== 'python' || doc.uri.scheme !== 'file') return 'python main.py';
  const path = folder ? vscode.workspace.asRelativePath(doc.uri, false) : doc.uri.fsPath;
  return `python ${/\s/.test(path) ? `"${path}"` : path}`;
}

/** perf can attach to any process or run any command. */
export async function pickNativeTarget(state: vscode.Memento): Promise<CaptureTarget | undefined> {
  const how = await vscode.window.showQuickPick(
    [
      { label: '$(debug-alt) Attach to a running process…', attach: true },
      { label: '$(terminal) Run a command…', attach: false },
    ],
    { title: 'Hotspot Lens: record a native profile with perf' },
  );
  if (!how) return undefined;
  if (how.attach) {
    const picked = await pickProcess('Hotspot Lens: process to record with perf', false);
    return picked && { kind: 'pid', pid: picked.pid };
  }
  const typed = await askCommand(
    state,
    LAST_NATIVE_COMMAND,
    'Hotspot Lens: command to record with perf',
    './a.out',
  );
  return typed && { kind: 'command', command: typed[0], args: typed.slice(1) };
}
