// `compare`: two profiles of the same program by function: the biggest regressions and wins,
// in percentage points of each side's total and in absolute weight.
import { DiffError, diffProfiles, type DiffRow } from '../../core/diff';
import { formatValue, pts, round } from '../format';
import { DEFAULT_LIMIT, LIMIT_PROPERTY, ToolError, type AssistTool } from '../types';

export const compareTool: AssistTool = {
  name: 'compare',
  title: 'Compare two profiles',
  description:
    'Compares a profile with a baseline profile of the same program by function: the biggest ' +
    'regressions (self share grew) and wins (self share shrank), in percentage points of each ' +
    "profile's total and in absolute weight. Use it to check whether a change made code faster.",
  inputSchema: {
    type: 'object',
    properties: {
      base: {
        type: 'string',
        description:
          'Baseline profile file relative to the workspace root (default: the baseline the user picked).',
      },
      profile: {
        type: 'string',
        description: 'The new profile file (default: the loaded profile).',
      },
      limit: LIMIT_PROPERTY,
    },
    additionalProperties: false,
  },
  async run(args, host) {
    const ws = host.workspace;
    const baseArg = args.base as string | undefined;
    const base =
      baseArg !== undefined
        ? await host.profiles.get(baseArg, 'base')
        : await host.profiles.loadBaseline();
    if (base === undefined)
      throw new ToolError(
        "no baseline: pass 'base' (the older profile file), or pick one with Compare With Baseline…",
      );
    const next = await host.profiles.get(args.profile as string | undefined);
    const limit = (args.limit as number | undefined) ?? DEFAULT_LIMIT;
    let rows: readonly DiffRow[];
    try {
      rows = diffProfiles(base.profile, next.profile, { valueIndex: next.valueIndex }).rows;
    } catch (err) {
      if (err instanceof DiffError) throw new ToolError(err.message);
      throw err;
    }
    const unit = next.valueType.unit;
    const json = (r: DiffRow) => ({
      function: r.name,
      file: ws.fileOf(r.file) ?? r.file ?? null,
      status: r.status,
      deltaPts: round(r.delta),
      baseSelfPct: round(r.baseShare),
      newSelfPct: round(r.newShare),
      baseSelf: r.baseSelf,
      newSelf: r.newSelf,
    });
    const regressions = rows
      .filter((r) => r.delta > 0)
      .sort((a, b) => b.delta - a.delta)
      .slice(0, limit)
      .map(json);
    const wins = rows
      .filter((r) => r.delta < 0)
      .sort((a, b) => a.delta - b.delta)
      .slice(0, limit)
      .map(json);
    const line = (r: ReturnType<typeof json>) =>
      `  ${r.function} (${r.file ?? '?'}) ${pts(r.deltaPts)}: ${r.baseSelfPct.toFixed(1)}% → ${r.newSelfPct.toFixed(1)}% ` +
      `(${formatValue(r.baseSelf, unit)} → ${formatValue(r.newSelf, unit)})${r.status === 'changed' ? '' : ` [${r.status}]`}`;
    const text = [
      `${ws.display(next.path)} against baseline ${ws.display(base.path)} (self share, pts = percentage points):`,
      'Biggest wins:',
      ...(wins.length ? wins.map(line) : ['  (none)']),
      'Biggest regressions:',
      ...(regressions.length ? regressions.map(line) : ['  (none)']),
    ].join('\n');
    return {
      text,
      data: { profile: ws.display(next.path), base: ws.display(base.path), wins, regressions },
    };
  },
};
