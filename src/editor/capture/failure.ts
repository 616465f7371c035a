import * as vscode from 'vscode';
import {
  PY_SPY_INSTALL,
  quoteForDisplay,
  type CaptureError,
  type CaptureTool,
} from '../../capture/index';

// A failed capture as an error notification whose buttons are the next steps: install py-spy
// into the active environment, point the path setting at the tool, or rerun with sudo in a
// terminal (the terminal is the user's own shell, so the command is shown quoted for it).

export interface FailureContext {
  readonly tool: CaptureTool;
  /** The tool and its arguments as they ran, for "Run with sudo". */
  readonly commandLine?: readonly string[];
  readonly pythonPath?: string;
  readonly cwd?: string;
  readonly log: vscode.LogOutputChannel;
}

function runInTerminal(name: string, text: string, cwd: string | undefined): void {
  const terminal = vscode.window.createTerminal({ name, cwd });
  terminal.show();
  terminal.sendText(text, true);
}

export async function showCaptureFailure(error: CaptureError, ctx: FailureContext): Promise<void> {
  const { log } = ctx;
  log.error(`Capture failed (${error.kind}): ${error.message}`);
  for (const step of error.nextSteps) log.info(`  next step: ${step}`);
  if (error.toolOutput.trim()) log.info(`${ctx.tool} said:\n${error.toolOutput.trim()}`);

  const actions: string[] = [];
  const settingKey = ctx.tool === 'py-spy' ? 'hotspotLens.pySpy.path' : 'hotspotLens.perf.path';
  if (error.kind === 'not-found') {
    if (ctx.tool === 'py-spy') actions.push('Install py-spy');
    actions.push('Set Path…');
  }
  if ((error.kind === 'permission' || error.kind === 'perf-paranoid') && ctx.commandLine) {
    actions.push('Run with sudo in Terminal');
  }
  actions.push('Show Log');
  const hint = error.nextSteps[0] ? ` ${error.nextSteps[0]}` : '';
  const choice = await vscode.window.showErrorMessage(`${error.message}${hint}`, ...actions);
  if (choice === 'Install py-spy') {
    const python = ctx.pythonPath ?? (process.platform === 'win32' ? 'python' : 'python3');
    // In a visible terminal, so the user sees what is installed where and can answer prompts.
    const install = quoteForDisplay([python, ...PY_SPY_INSTALL.split(' ').slice(1)]);
    runInTerminal('Hotspot Lens: install py-spy', install, ctx.cwd);
  } else if (choice === 'Set Path…') {
    await vscode.commands.executeCommand('workbench.action.openSettings', settingKey);
  } else if (choice === 'Run with sudo in Terminal' && ctx.commandLine) {
    log.info('After the sudo run, open the written file with "Hotspot Lens: Open Profile…".');
    runInTerminal(
      'Hotspot Lens: sudo capture',
      `sudo ${quoteForDisplay(ctx.commandLine)}`,
      ctx.cwd,
    );
  } else if (choice === 'Show Log') {
    log.show();
  }
}
