import * as vscode from 'vscode';
import type { CommandHandlers } from '../command-table';
import type { EditorContext } from '../ctx';
import { CaptureRunner } from './capture-runner';
import { captureCommands } from './commands';
import { CaptureTaskProvider, TASK_TYPE } from './task-provider';

/**
 * Capture commands (py-spy, perf, Stop Capture) and the `hotspot-lens` task type. Everything is
 * owned by `context.subscriptions`; disposing cancels a running capture so no profiler or
 * launched command outlives the extension.
 */
export function registerCapture(ctx: EditorContext): {
  commands: CommandHandlers;
  /** The one runner; the assistant's capture tool records through it too. */
  runner: CaptureRunner;
} {
  const { extension: context, store, log } = ctx;
  const runner = new CaptureRunner(store, log, context.workspaceState, context.globalStorageUri);
  context.subscriptions.push(
    runner,
    vscode.tasks.registerTaskProvider(TASK_TYPE, new CaptureTaskProvider(runner, log)),
  );
  return { commands: captureCommands(runner, context.workspaceState, log), runner };
}
