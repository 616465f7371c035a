// The active baseline comparison. One per extension (made in ctx.ts); the views read it only
// through the baseline overlay (baseline-overlay.ts). A diff is only ever applied to the profile
// it was computed for, so a stale one never shows.
import * as vscode from 'vscode';
import { rowsByKey, type DiffRow, type ProfileDiff } from '../../core/diff';
import type { Profile } from '../../core/model';
import type { LoadedProfile } from '../loaded-profile';
import { withAdded, withDelta } from './compare-text';

export interface ActiveComparison {
  readonly baselineUri: vscode.Uri;
  readonly baselineName: string;
  readonly baseline: Profile;
  /** The profile the diff was computed for (the store's current one at the time). */
  readonly profile: Profile;
  readonly valueIndex: number;
  readonly diff: ProfileDiff;
  readonly byKey: ReadonlyMap<string, DiffRow>;
}

export class CompareState implements vscode.Disposable {
  private active: ActiveComparison | undefined;
  private readonly emitter = new vscode.EventEmitter<ActiveComparison | undefined>();
  readonly onDidChange = this.emitter.event;

  get current(): ActiveComparison | undefined {
    return this.active;
  }

  /** The comparison when it was computed for `loaded` (same profile and value type). */
  for(loaded: LoadedProfile | undefined): ActiveComparison | undefined {
    const a = this.active;
    if (!a || !loaded || a.profile !== loaded.profile || a.valueIndex !== loaded.valueIndex) {
      return undefined;
    }
    return a;
  }

  /** The change of function `key` of the loaded profile, if a comparison applies. */
  rowFor(loaded: LoadedProfile | undefined, key: string): DiffRow | undefined {
    return this.for(loaded)?.byKey.get(key);
  }

  /** The lens hook: `title` with the change of the function's self share, when comparing. */
  decorateLens(loaded: LoadedProfile | undefined, key: string, title: string): string {
    const row = this.rowFor(loaded, key);
    if (!row) return title;
    return row.status === 'added' ? withAdded(title) : withDelta(title, row.delta);
  }

  set(
    baselineUri: vscode.Uri,
    baseline: Profile,
    loaded: LoadedProfile,
    diff: ProfileDiff,
  ): ActiveComparison {
    this.active = {
      baselineUri,
      baselineName: baselineUri.path.split('/').pop() ?? baselineUri.toString(),
      baseline,
      profile: loaded.profile,
      valueIndex: loaded.valueIndex,
      diff,
      byKey: rowsByKey(diff),
    };
    this.emitter.fire(this.active);
    return this.active;
  }

  clear(): void {
    if (!this.active) return;
    this.active = undefined;
    this.emitter.fire(undefined);
  }

  dispose(): void {
    this.active = undefined;
    this.emitter.dispose();
  }
}
