// Finds the profiled function a tool call means: by name (`compute_report`,
// `reports.compute_report`, `Matrix.multiply`), optionally within a file, or by `file` and `line`
// (the function whose scanned range holds that line, or whose frames recorded it).
import { nameSegments } from '../mapping/function-match';
import { locate, recordedLines, type Located } from './function-facts';
import type { FunctionEntry, LoadedProfile } from './loaded-profile';
import { ToolError } from './types';
import type { Workspace } from './workspace';

export interface PickResult {
  readonly picked: Located;
  /** Other functions that matched as well (same name in other files), hottest first. */
  readonly others: readonly FunctionEntry[];
}

function endsWithSegments(name: string, wanted: readonly string[]): boolean {
  const own = nameSegments(name);
  if (wanted.length === 0 || wanted.length > own.length) return false;
  return wanted.every((w, i) => own[own.length - wanted.length + i] === w);
}

export async function pickFunction(
  p: LoadedProfile,
  ws: Workspace,
  q: { function?: string; file?: string; line?: number },
): Promise<PickResult> {
  const file = q.file === undefined ? undefined : ws.display(ws.inside(q.file, 'file'));
  let matches: FunctionEntry[];
  if (q.function !== undefined) {
    const wanted = nameSegments(q.function);
    matches = p.functions.filter(
      (e) =>
        (file === undefined || e.file === file) &&
        (e.stat.name === q.function || endsWithSegments(e.stat.name, wanted)),
    );
    if (matches.length === 0)
      throw new ToolError(
        `no function '${q.function}'${file ? ` in ${file}` : ''} in ${ws.display(p.path)}; ` +
          'call hotspots to see the names this profile uses',
      );
  } else if (file !== undefined && q.line !== undefined) {
    const line = q.line;
    const inFile = p.functions.filter((e) => e.file === file);
    matches = [];
    for (const e of inFile) {
      const l = await locate(p, e, ws);
      const holds = l.range
        ? line >= (l.range.decoratorLine ?? l.range.startLine) && line <= l.range.endLine
        : recordedLines(p, e).includes(line);
      if (holds) matches.push(e);
    }
    if (matches.length === 0)
      throw new ToolError(
        `no profiled function at ${file}:${line} in ${ws.display(p.path)}` +
          (inFile.length ? '' : ` (the profile has no samples in ${file})`),
      );
    // Nested functions: the innermost range holding the line is the one meant.
    const located = await Promise.all(matches.map((e) => locate(p, e, ws)));
    const size = (l: Located) => (l.range ? l.range.endLine - l.range.startLine : 0);
    located.sort((a, b) => size(a) - size(b));
    return { picked: located[0], others: located.slice(1).map((l) => l.entry) };
  } else {
    throw new ToolError("pass 'function' (a name from hotspots), or 'file' and 'line'");
  }
  // Hottest by total first: the call is most likely about the one that costs the most.
  matches.sort((a, b) => b.stat.total - a.stat.total);
  return { picked: await locate(p, matches[0], ws), others: matches.slice(1) };
}
