// A profile as the tools use it: attributed once when loaded (the expensive walk over every
// node), with each function's workspace file resolved up front, so `hotspots` on a loaded
// 100 MB profile is a filter over a sorted array (bench/assist.ts measures it).
import { attribute, type Attribution, type FunctionStat } from '../core/attribution';
import type { Profile, ValueType } from '../core/model';
import type { Workspace } from './workspace';

export interface FunctionEntry {
  readonly stat: FunctionStat;
  /** Workspace-relative file, or null when the recorded path maps to no workspace file. */
  readonly file: string | null;
}

export class LoadedProfile {
  readonly attribution: Attribution;
  /** Hottest self weight first (attribution's order). */
  readonly functions: readonly FunctionEntry[];
  private readonly byKey = new Map<string, FunctionEntry>();

  constructor(
    /** Absolute path of the profile file (or the editor's label for an unsaved one). */
    readonly path: string,
    readonly profile: Profile,
    workspace: Workspace,
    readonly valueIndex = profile.defaultValue,
    /** The host's own attribution of `profile` (the editor's store), so it is not walked twice. */
    attribution?: Attribution,
  ) {
    this.attribution = attribution ?? attribute(profile, valueIndex);
    this.functions = this.attribution.byFunction.map((stat) => ({
      stat,
      file: workspace.fileOf(stat.file),
    }));
    for (const f of this.functions) this.byKey.set(f.stat.key, f);
  }

  private totalOrder?: readonly FunctionEntry[];

  /** Largest total weight first, sorted on first use. */
  byTotal(): readonly FunctionEntry[] {
    this.totalOrder ??= [...this.functions].sort(
      (a, b) => b.stat.total - a.stat.total || b.stat.self - a.stat.self,
    );
    return this.totalOrder;
  }

  get valueType(): ValueType {
    return this.profile.valueTypes[this.valueIndex];
  }

  get total(): number {
    return this.attribution.total;
  }

  function(key: string): FunctionEntry | undefined {
    return this.byKey.get(key);
  }
}
