import * as vscode from 'vscode';
import type { Attribution, FunctionStat, LineStat } from '../core/attribution';
import type { Profile } from '../core/model';
import type { PathResolver, Resolution } from '../mapping/path-map';
import type { WorkspaceIndex } from './workspace-index';

export type { Resolution };

export interface LoadedProfile {
  readonly uri: vscode.Uri;
  readonly profile: Profile;
  readonly attribution: Attribution;
  readonly valueIndex: number;
  /** The workspace file a profile path maps to; undefined when unmapped or ambiguous. */
  resolve(profileFile: string | undefined): vscode.Uri | undefined;
  resolution(profileFile: string | undefined): Resolution;
  /** Functions whose file maps to `uri`, hottest (self) first. */
  functionsIn(uri: vscode.Uri): readonly FunctionStat[];
  /** Source lines of `uri` with weight, hottest (self) first. */
  linesIn(uri: vscode.Uri): readonly LineStat[];
  /** Function key of the frame recorded at (file, line), for hovers on hot lines. */
  functionAtLine(file: string, line: number): string | undefined;
  functionByKey(key: string): FunctionStat | undefined;
}

const NO_FILE: Resolution = { kind: 'unmapped', reason: 'pseudo' };

/**
 * One immutable view of a profile against the workspace. The store builds a new one when the
 * workspace files or path mappings change, so the per-file caches below never go stale.
 */
export class ProfileView implements LoadedProfile {
  private byFile: Map<string, { fns: FunctionStat[]; lines: LineStat[] }> | undefined;
  private atLine: Map<string, string> | undefined;
  private byKey: Map<string, FunctionStat> | undefined;

  constructor(
    readonly uri: vscode.Uri,
    readonly profile: Profile,
    readonly attribution: Attribution,
    private readonly resolver: PathResolver,
    private readonly index: WorkspaceIndex,
  ) {}

  get valueIndex(): number {
    return this.attribution.valueIndex;
  }

  resolution(profileFile: string | undefined): Resolution {
    return profileFile === undefined ? NO_FILE : this.resolver.resolve(profileFile);
  }

  resolve(profileFile: string | undefined): vscode.Uri | undefined {
    const r = this.resolution(profileFile);
    return r.kind === 'mapped' ? this.index.uriOf(r.path) : undefined;
  }

  functionsIn(uri: vscode.Uri): readonly FunctionStat[] {
    return this.files().get(uri.toString())?.fns ?? [];
  }

  linesIn(uri: vscode.Uri): readonly LineStat[] {
    return this.files().get(uri.toString())?.lines ?? [];
  }

  functionAtLine(file: string, line: number): string | undefined {
    if (!this.atLine) {
      this.atLine = new Map();
      this.profile.frames.forEach((f, id) => {
        if (f.file === undefined || f.line === undefined) return;
        const k = `${f.file}\u0000${f.line}`;
        if (!this.atLine!.has(k)) this.atLine!.set(k, this.attribution.functionOfFrame[id]);
      });
    }
    return this.atLine.get(`${file}\u0000${line}`);
  }

  functionByKey(key: string): FunctionStat | undefined {
    this.byKey ??= new Map(this.attribution.byFunction.map((f) => [f.key, f]));
    return this.byKey.get(key);
  }

  /** Groups functions and lines by the workspace file they resolve to, resolving each path once. */
  private files(): Map<string, { fns: FunctionStat[]; lines: LineStat[] }> {
    if (this.byFile) return this.byFile;
    const byFile = new Map<string, { fns: FunctionStat[]; lines: LineStat[] }>();
    const target = new Map<string, string | undefined>();
    const entry = (file: string | undefined) => {
      if (file === undefined) return undefined;
      if (!target.has(file)) target.set(file, this.resolve(file)?.toString());
      const key = target.get(file);
      if (key === undefined) return undefined;
      let e = byFile.get(key);
      if (!e) byFile.set(key, (e = { fns: [], lines: [] }));
      return e;
    };
    for (const f of this.attribution.byFunction) entry(f.file)?.fns.push(f);
    for (const l of this.attribution.byLine) entry(l.file)?.lines.push(l);
    this.byFile = byFile;
    return byFile;
  }
}
