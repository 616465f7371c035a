import * as vscode from 'vscode';
import type { PerfOptions, PySpyOptions } from '../../capture/index';
import type { CaptureRunner } from './capture-runner';
import { ensureTrusted } from './commands';
import { activePythonPath, withInterpreter } from './python-env';

// Task type `hotspot-lens` (tasks.json): a capture as a CustomExecution whose pseudoterminal
// shows progress. Ctrl+C in the terminal stops early and keeps the samples; killing the
// terminal cancels and discards. Example:
//   { "type": "hotspot-lens", "command": ["python", "app.py"], "durationSeconds": 20 }

export const TASK_TYPE = 'hotspot-lens';

/** The tool options are the capture module's own, so the definition is handed to it as is. */
export interface CaptureTaskDefinition extends vscode.TaskDefinition, PySpyOptions, PerfOptions {
  readonly tool?: 'py-spy' | 'perf';
  /** Program and arguments (no shell); a leading `python` means the active interpreter. */
  readonly command?: string[];
  readonly pid?: number;
}

class CaptureTerminal implements vscode.Pseudoterminal {
  private readonly writeEmitter = new vscode.EventEmitter<string>();
  private readonly closeEmitter = new vscode.EventEmitter<number>();
  readonly onDidWrite = this.writeEmitter.event;
  readonly onDidClose = this.closeEmitter.event;
  private finished = false;

  constructor(
    private readonly runner: CaptureRunner,
    private readonly definition: CaptureTaskDefinition,
    private readonly folder: vscode.WorkspaceFolder | undefined,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  private write(text: string): void {
    this.writeEmitter.fire(`${text.replace(/\r?\n/g, '\r\n')}\r\n`);
  }

  open(): void {
    void this.start().then((code) => {
      this.finished = true;
      this.closeEmitter.fire(code);
    });
  }

  private async start(): Promise<number> {
    const d = this.definition;
    if (!ensureTrusted()) {
      this.write('Capturing needs a trusted workspace.');
      return 1;
    }
    const tool = d.tool ?? 'py-spy';
    const pythonPath =
      tool === 'py-spy' ? await activePythonPath(this.folder, this.log) : undefined;
    let target;
    if (typeof d.pid === 'number') target = { kind: 'pid', pid: d.pid } as const;
    else if (Array.isArray(d.command) && d.command.length > 0) {
      const [command, ...args] =
        tool === 'py-spy' ? withInterpreter(d.command, pythonPath) : d.command;
      target = { kind: 'command', command, args } as const;
    } else {
      this.write('A hotspot-lens task needs "command" (an array: program and arguments) or "pid".');
      return 2;
    }
    this.write('Press Ctrl+C to stop early and keep what was sampled.');
    const result = await this.runner.run({
      tool,
      target,
      folder: this.folder,
      pythonPath,
      pySpy: d,
      perf: d,
      onProgress: (message) => this.write(message),
    });
    if (!result) return 1;
    this.write(`Wrote ${result.outputPath}`);
    for (const note of result.notes) this.write(note);
    return 0;
  }

  handleInput(data: string): void {
    if (data.includes('\x03')) {
      this.write('^C stopping, writing what was sampled…');
      this.runner.stop();
    }
  }

  close(): void {
    if (!this.finished) void this.runner.cancel();
  }
}

export class CaptureTaskProvider implements vscode.TaskProvider {
  constructor(
    private readonly runner: CaptureRunner,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /** Offers the Python file in the active editor as a ready-made task. */
  provideTasks(): vscode.Task[] {
    const doc = vscode.window.activeTextEditor?.document;
    const folder = doc && vscode.workspace.getWorkspaceFolder(doc.uri);
    if (!doc || !folder || doc.languageId !== 'python') return [];
    const file = vscode.workspace.asRelativePath(doc.uri, false);
    const definition: CaptureTaskDefinition = { type: TASK_TYPE, command: ['python', file] };
    return [this.task(definition, folder, `py-spy: ${file}`)];
  }

  resolveTask(task: vscode.Task): vscode.Task | undefined {
    const definition = task.definition as CaptureTaskDefinition;
    const folder = typeof task.scope === 'object' ? task.scope : undefined;
    return this.task(definition, folder, task.name);
  }

  private task(
    definition: CaptureTaskDefinition,
    folder: vscode.WorkspaceFolder | undefined,
    name: string,
  ): vscode.Task {
    const execution = new vscode.CustomExecution(
      async () => new CaptureTerminal(this.runner, definition, folder, this.log),
    );
    const task = new vscode.Task(
      definition,
      folder ?? vscode.TaskScope.Workspace,
      name,
      'Hotspot Lens',
      execution,
    );
    task.presentationOptions = {
      reveal: vscode.TaskRevealKind.Always,
      panel: vscode.TaskPanelKind.Dedicated,
    };
    return task;
  }
}
