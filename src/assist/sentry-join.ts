// Which Sentry span rows belong to a profiled function: rows with a code location whose file
// resolves to the function's workspace file and whose line lies in its range (or that name the
// same function), and `span.op:function` rows whose qualified name ends with the function's
// name and whose module part matches the file (`shopapp.reports.compute_report`).
import { nameSegments } from '../mapping/function-match';
import type { FunctionRange } from '../mapping/functions';
import type { SpanStat } from '../sentry/spans';
import type { Workspace } from './workspace';

export interface JoinTarget {
  readonly name: string;
  readonly file: string | null;
  readonly range?: FunctionRange;
}

export function spansOf(
  rows: readonly SpanStat[],
  target: JoinTarget,
  workspace: Workspace,
): SpanStat[] {
  if (target.file === null) return [];
  const ownLast = lastSegment(target.range?.qualifiedName ?? target.name);
  const module = target.file.replace(/\.[^./]+$/, '').replace(/\//g, '.');
  return rows
    .filter((s) => {
      if (s.file === null) {
        const segs = nameSegments(s.function);
        if (segs[segs.length - 1] !== ownLast) return false;
        const mod = segs.slice(0, -1).join('.');
        return mod !== '' && (module === mod || module.endsWith(`.${mod}`) || mod.endsWith(module));
      }
      if (workspace.fileOf(s.file) !== target.file) return false;
      if (target.range && s.line !== null)
        return (
          s.line >= (target.range.decoratorLine ?? target.range.startLine) &&
          s.line <= target.range.endLine
        );
      return lastSegment(s.function) === ownLast;
    })
    .sort((a, b) => b.p95 - a.p95);
}

function lastSegment(name: string): string | undefined {
  const s = nameSegments(name);
  return s[s.length - 1];
}

export function spanJson(s: SpanStat) {
  return {
    function: s.function,
    file: s.file,
    line: s.line,
    p95Ms: s.p95,
    p50Ms: s.p50,
    count: s.count,
    lowConfidence: s.lowConfidence,
  };
}
