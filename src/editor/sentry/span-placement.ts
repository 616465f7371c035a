// Where each Sentry row goes in the workspace. Rows with a code location carry a module-relative
// path (`shopapp/reports.py`) resolved by the same PathResolver rules as profiles (mappings,
// exact, unique longest suffix; ties are reported, never guessed). Rows from `span.op:function`
// carry only a qualified name (`shopapp.reports.compute_report`): the module part becomes a
// path candidate and the rest a function name matched with matchFunction. No vscode import here,
// so this is unit-tested with real files.

import { matchFunction } from '../../mapping/function-match';
import type { FunctionRange } from '../../mapping/functions';
import type { PathResolver, Resolution } from '../../mapping/path-map';
import type { SpanStat } from '../../sentry/spans';

export interface PlacedSpan {
  readonly stat: SpanStat;
  /** 1-based line for the lens. */
  readonly line: number;
  /** True when only the span name tied the row to this function. */
  readonly byName: boolean;
}

export interface RowTarget {
  readonly path: string;
  /** Function name to look for in that file (the rest of a qualified name). */
  readonly functionName: string;
}

const SOURCE_EXTENSIONS = ['.py', '/__init__.py'];

/** Module-path readings of a qualified span name, longest module first. */
export function moduleCandidates(name: string): { file: string; fn: string }[] {
  const parts = name.split('.').filter(Boolean);
  const out: { file: string; fn: string }[] = [];
  for (let k = parts.length - 1; k >= 1; k--) {
    const module = parts.slice(0, k).join('/');
    for (const ext of SOURCE_EXTENSIONS)
      out.push({ file: `${module}${ext}`, fn: parts.slice(k).join('.') });
  }
  return out;
}

export class SpanIndex {
  private readonly byPath = new Map<string, SpanStat[]>();
  private readonly named = new Map<string, { stat: SpanStat; fn: string }[]>();
  private readonly bare: SpanStat[] = [];
  private readonly targets = new Map<SpanStat, RowTarget>();
  /** Location rows whose path did not resolve, with the reason (for the tree). */
  readonly unresolved: { stat: SpanStat; resolution: Resolution }[] = [];

  constructor(
    readonly rows: readonly SpanStat[],
    resolver: PathResolver,
  ) {
    for (const stat of rows) {
      if (stat.file !== null) {
        const r = resolver.resolve(stat.file);
        if (r.kind !== 'mapped') {
          this.unresolved.push({ stat, resolution: r });
          continue;
        }
        push(this.byPath, r.path, stat);
        this.targets.set(stat, { path: r.path, functionName: stat.function });
        continue;
      }
      const hit = moduleCandidates(stat.function)
        .map((c) => ({ c, r: resolver.resolve(c.file) }))
        .find(({ r }) => r.kind === 'mapped');
      if (hit && hit.r.kind === 'mapped') {
        push(this.named, hit.r.path, { stat, fn: hit.c.fn });
        this.targets.set(stat, { path: hit.r.path, functionName: hit.c.fn });
      } else if (!stat.function.includes('.')) this.bare.push(stat);
    }
  }

  /** The workspace file a row belongs to, when known without reading files. */
  target(stat: SpanStat): RowTarget | undefined {
    return this.targets.get(stat);
  }

  /** True when the document may get lenses, so other documents skip the function scan. */
  concerns(relPath: string): boolean {
    return this.byPath.has(relPath) || this.named.has(relPath) || this.bare.length > 0;
  }

  /**
   * Lenses of one document. Location rows sit on their line (or on their function when Sentry
   * had no line); name rows on the function's def line. A bare span name (`computeReport`) is
   * used only when this document has exactly one function of that name.
   */
  place(relPath: string, ranges: readonly FunctionRange[]): PlacedSpan[] {
    const out: PlacedSpan[] = [];
    for (const stat of this.byPath.get(relPath) ?? []) {
      const line = stat.line ?? matchFunction(ranges, stat.function, [])?.startLine ?? 1;
      out.push({ stat, line, byName: false });
    }
    for (const { stat, fn } of this.named.get(relPath) ?? []) {
      const range = matchFunction(ranges, fn, []);
      if (range) out.push({ stat, line: range.startLine, byName: true });
    }
    for (const stat of this.bare) {
      const same = ranges.filter((r) => r.name === stat.function);
      if (same.length === 1) out.push({ stat, line: same[0].startLine, byName: true });
    }
    return out.sort((a, b) => a.line - b.line || b.stat.p95 - a.stat.p95);
  }
}

function push<V>(map: Map<string, V[]>, key: string, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
