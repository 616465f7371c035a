import * as vscode from 'vscode';
import type { ProfileStore } from '../profile-store';
import { CaptureRunner } from './capture-runner';
import { registerCaptureCommands } from './commands';
import { CaptureTaskProvider, TASK_TYPE } from './task-provider';

/**
 * Capture commands (py-spy, perf, Stop Capture) and the `hotspot-lens` task type. Everything is
 * owned by `context.subscriptions`; disposing cancels a running capture so no profiler or
 * launched command outlives the extension.
 */
export function registerCapture(
  context: vscode.ExtensionContext,
  store: ProfileStore,
  log: vscode.LogOutputChannel,
): void {
  const runner = new CaptureRunner(store, log, context.workspaceState, context.globalStorageUri);
  context.subscriptions.push(
    runner,
    ...registerCaptureCommands(runner, context.workspaceState, log),
    vscode.tasks.registerTaskProvider(TASK_TYPE, new CaptureTaskProvider(runner, log)),
  );
}
