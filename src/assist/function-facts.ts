// The facts every function row carries: where it is (workspace file, def line) and its shares.
import type { FunctionRange } from '../mapping/functions';
import { round, share } from './format';
import type { FunctionEntry, LoadedProfile } from './loaded-profile';
import type { Workspace } from './workspace';

export interface Located {
  readonly entry: FunctionEntry;
  readonly range?: FunctionRange;
  /** The def line from the scanned file, else the lowest line the profile recorded. */
  readonly line?: number;
}

export function recordedLines(p: LoadedProfile, entry: FunctionEntry): number[] {
  const lines: number[] = [];
  for (const id of entry.stat.frameIds) {
    const l = p.profile.frames[id].line;
    if (l !== undefined) lines.push(l);
  }
  return lines;
}

export async function locate(
  p: LoadedProfile,
  entry: FunctionEntry,
  workspace: Workspace,
): Promise<Located> {
  const range =
    entry.file === null
      ? undefined
      : await workspace.functionAt(entry.file, entry.stat.name, recordedLines(p, entry));
  return { entry, range, line: range?.startLine ?? entry.stat.firstLine };
}

export function functionJson(p: LoadedProfile, l: Located) {
  const s = l.entry.stat;
  return {
    function: s.name,
    file: l.entry.file,
    recordedFile: l.entry.file === null ? (s.file ?? null) : undefined,
    line: l.line ?? null,
    selfPct: round(share(s.self, p.total)),
    totalPct: round(share(s.total, p.total)),
    self: s.self,
    total: s.total,
  };
}

/** One line about a profile, the header of every answer. */
export function profileHeader(p: LoadedProfile, workspace: Workspace): string {
  const v = p.valueType;
  const m = p.profile.meta;
  return (
    `${workspace.display(p.path)} (${m.format}, ${m.sampleRecords.toLocaleString('en-US')} samples, ` +
    `${v.type} in ${v.unit})`
  );
}
