import * as vscode from 'vscode';
import { Command } from '../command-table';

// The recording indicator: a status bar item that counts seconds and stops the capture when
// clicked, plus the `hotspotLens.capturing` context key that enables "Stop Capture".

export const CAPTURING_CONTEXT = 'hotspotLens.capturing';

export class CaptureIndicator implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem(
    'hotspotLens.capture',
    vscode.StatusBarAlignment.Left,
    1000,
  );
  private timer: NodeJS.Timeout | undefined;

  constructor() {
    this.item.name = 'Hotspot Lens Capture';
    this.item.command = Command.stopCapture;
    this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
  }

  show(tool: string, elapsedSeconds: () => number): void {
    const render = () => {
      this.item.text = `$(record) ${tool} ${elapsedSeconds()} s`;
      this.item.tooltip = `Hotspot Lens is recording with ${tool}. Click to stop and keep what was sampled.`;
    };
    render();
    this.item.show();
    clearInterval(this.timer);
    this.timer = setInterval(render, 1000);
    void vscode.commands.executeCommand('setContext', CAPTURING_CONTEXT, true);
  }

  hide(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.item.hide();
    void vscode.commands.executeCommand('setContext', CAPTURING_CONTEXT, false);
  }

  dispose(): void {
    clearInterval(this.timer);
    this.item.dispose();
  }
}
