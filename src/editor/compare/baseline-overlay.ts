// "Compare With Baseline" as an overlay on the profile views: the lens carries the change of the
// function's self share, changed hot lines take the regression/improvement colours, the
// Hotspots view leads with regressions and wins, and the flamegraph is coloured by change with
// the baseline's shape to toggle to. Everything reads the one CompareState made in ctx.ts.
import type * as vscode from 'vscode';
import type { FlameData } from '../../protocol';
import type { HeatLine } from '../heat';
import type { LoadedProfile } from '../loaded-profile';
import type { ProfileOverlay } from '../overlay';
import { CompareHeat } from './compare-heat';
import type { CompareState } from './compare-state';
import { CompareTree } from './compare-tree';
import { baselineFlame, withCompareDiff } from './flame-diff';

export class BaselineOverlay implements ProfileOverlay, vscode.Disposable {
  readonly onDidChange: vscode.Event<unknown>;
  readonly tree: CompareTree;
  /** The comparison colours drawn now (the extension's test API reads them). */
  readonly heat: CompareHeat;

  constructor(private readonly state: CompareState) {
    this.onDidChange = state.onDidChange;
    this.tree = new CompareTree(state);
    this.heat = new CompareHeat(state);
  }

  decorateLens(loaded: LoadedProfile | undefined, key: string, title: string): string {
    return this.state.decorateLens(loaded, key, title);
  }

  drawHeat(
    editor: vscode.TextEditor,
    loaded: LoadedProfile | undefined,
    lines: readonly HeatLine[],
  ): readonly HeatLine[] {
    return this.heat.apply(editor, loaded, lines);
  }

  decorateFlame(
    flame: FlameData,
    loaded: LoadedProfile,
  ): { flame: FlameData; baseline?: FlameData } {
    const active = this.state.for(loaded);
    if (!active) return { flame };
    return {
      flame: withCompareDiff(flame, loaded, active),
      baseline: baselineFlame(loaded, active),
    };
  }

  dispose(): void {
    this.heat.dispose();
  }
}
