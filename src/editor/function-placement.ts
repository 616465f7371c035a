import * as vscode from 'vscode';
import type { FunctionStat } from '../core/attribution';
import { matchFunction } from '../mapping/function-match';
import type { FunctionIndex, FunctionRange } from './function-index';
import type { LineTracker } from './line-tracker';
import type { LoadedProfile } from './loaded-profile';

export interface PlacedFunction {
  readonly stat: FunctionStat;
  readonly range: FunctionRange;
  /** 1-based line of the `def` (where the lens goes), as the user's edits moved it. */
  readonly defLine: number;
}

/**
 * Where each profiled function of a document is: py-spy records the current line of every
 * frame, so a function is found by its name among the document's function ranges, using the
 * lines it was sampled at (moved along with the user's edits) to pick between same-named ones.
 */
export class FunctionPlacement {
  private readonly cache = new WeakMap<
    LoadedProfile,
    Map<string, { version: number; shifts: number; placed: Promise<PlacedFunction[]> }>
  >();
  private shifts = 0;

  constructor(
    private readonly functions: FunctionIndex,
    private readonly tracker: LineTracker,
  ) {
    tracker.onDidShift(() => this.shifts++);
  }

  place(loaded: LoadedProfile, document: vscode.TextDocument): Promise<PlacedFunction[]> {
    let perDoc = this.cache.get(loaded);
    if (!perDoc) this.cache.set(loaded, (perDoc = new Map()));
    const key = document.uri.toString();
    const hit = perDoc.get(key);
    if (hit && hit.version === document.version && hit.shifts === this.shifts) return hit.placed;
    const placed = this.compute(loaded, document);
    perDoc.set(key, { version: document.version, shifts: this.shifts, placed });
    return placed;
  }

  /** The placed function that contains `line` (1-based), innermost first. */
  async at(
    loaded: LoadedProfile,
    document: vscode.TextDocument,
    line: number,
  ): Promise<PlacedFunction | undefined> {
    const placed = await this.place(loaded, document);
    let best: PlacedFunction | undefined;
    for (const p of placed) {
      if (line < p.range.startLine || line > p.range.endLine) continue;
      if (!best || p.range.startLine > best.range.startLine) best = p;
    }
    return best;
  }

  private async compute(
    loaded: LoadedProfile,
    document: vscode.TextDocument,
  ): Promise<PlacedFunction[]> {
    const stats = loaded.functionsIn(document.uri);
    if (stats.length === 0) return [];
    const ranges = await this.functions.functions(document);
    const out: PlacedFunction[] = [];
    const taken = new Set<FunctionRange>();
    for (const stat of stats) {
      const lines: number[] = [];
      for (const id of stat.frameIds) {
        const l = loaded.profile.frames[id].line;
        const now = l === undefined ? undefined : this.tracker.map(document.uri, l);
        if (now !== undefined) lines.push(now);
      }
      const range = matchFunction(ranges, stat.name, lines);
      // Two profile functions never share a def line (e.g. a renamed duplicate): first one wins.
      if (!range || taken.has(range)) continue;
      taken.add(range);
      out.push({ stat, range, defLine: range.startLine });
    }
    return out.sort((a, b) => a.defLine - b.defLine);
  }
}
