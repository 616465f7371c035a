// Lines are 1-based everywhere in Hotspot Lens, as profilers, Sentry and the core count them;
// VS Code's positions are 0-based. These are the only places that convert, so no view does
// its own `± 1`.
import * as vscode from 'vscode';

/** The 1-based line of a VS Code position or 0-based line number. */
export function lineOf(position: vscode.Position | number): number {
  return (typeof position === 'number' ? position : position.line) + 1;
}

/**
 * An empty range at the start of 1-based `line` (where lenses and line decorations go), clamped
 * into `document` when one is given (a profile may name a line past the end of an edited file).
 */
export function lineStart(line: number, document?: vscode.TextDocument): vscode.Range {
  let l = line - 1;
  if (document) l = Math.min(l, document.lineCount - 1);
  l = Math.max(0, l);
  return new vscode.Range(l, 0, l, 0);
}
