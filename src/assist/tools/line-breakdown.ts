// `line_breakdown`: inside one function: its hot lines, who calls it, what it calls, and the
// Sentry spans recorded on it.
import { lineKey } from '../../core/attribution';
import { callees, callers, type Edge } from '../call-edges';
import { formatValue, ms, pct, round, share, where } from '../format';
import { functionJson, profileHeader } from '../function-facts';
import type { LoadedProfile } from '../loaded-profile';
import { pickFunction } from '../pick-function';
import { spanJson, spansOf } from '../sentry-join';
import { DEFAULT_LIMIT, LIMIT_PROPERTY, type AssistTool } from '../types';

export const lineBreakdownTool: AssistTool = {
  name: 'line_breakdown',
  title: 'Function line breakdown',
  description:
    'Inside one profiled function: its hottest source lines, its callers and callees with their ' +
    'share of its time, and the Sentry spans recorded on it. Name the function (as hotspots ' +
    "prints it, e.g. 'compute_report' or 'Matrix.multiply'), or give 'file' and 'line'.",
  inputSchema: {
    type: 'object',
    properties: {
      function: { type: 'string', description: 'Function name as hotspots prints it.' },
      file: {
        type: 'string',
        description: 'Workspace file (with line, or to pick among same-named functions).',
      },
      line: { type: 'integer', minimum: 1, description: '1-based line inside the function.' },
      profile: {
        type: 'string',
        description: 'Profile file relative to the workspace root (default: the loaded profile).',
      },
      limit: LIMIT_PROPERTY,
    },
    additionalProperties: false,
  },
  async run(args, host) {
    const p = await host.profiles.get(args.profile as string | undefined);
    const ws = host.workspace;
    const limit = (args.limit as number | undefined) ?? DEFAULT_LIMIT;
    const { picked, others } = await pickFunction(p, ws, {
      function: args.function as string | undefined,
      file: args.file as string | undefined,
      line: args.line as number | undefined,
    });
    const stat = picked.entry.stat;
    const v = p.valueType;
    const fn = functionJson(p, picked);

    const ownLines = new Set<string>();
    for (const id of stat.frameIds) {
      const f = p.profile.frames[id];
      if (f.file !== undefined && f.line !== undefined) ownLines.add(lineKey(f.file, f.line));
    }
    const hotLines = p.attribution.byLine
      .filter((l) => ownLines.has(l.key))
      .slice(0, limit)
      .map((l) => ({
        line: l.line,
        selfPct: round(share(l.self, p.total)),
        ofFunctionPct: round(share(l.total, stat.total)),
        self: l.self,
      }));
    const edge = (e: Edge) => {
      const other = p.function(e.key);
      return {
        function: other?.stat.name ?? e.key.split('\u0000')[0],
        file: other?.file ?? null,
        ofFunctionPct: round(share(e.total, stat.total)),
        totalPct: round(share(e.total, p.total)),
        weight: e.total,
      };
    };
    const callerRows = callers(p, stat.key).slice(0, limit).map(edge);
    const calleeRows = callees(p, stat.key).slice(0, limit).map(edge);
    const sentry = host.sentry ? await host.sentry.stats() : undefined;
    const spans = sentry
      ? spansOf(sentry.rows, { name: stat.name, file: picked.entry.file, range: picked.range }, ws)
          .slice(0, limit)
          .map(spanJson)
      : [];

    const edgeText = (r: ReturnType<typeof edge>) =>
      `  ${r.function} (${where(r.file, undefined)}) — ${pct(r.ofFunctionPct)} of it, ${formatValue(r.weight, v.unit)}`;
    const text = [
      `${fn.function} — ${where(fn.file, fn.line ?? undefined)} in ${profileHeader(p, ws)}: ` +
        `self ${pct(fn.selfPct)} (${formatValue(fn.self, v.unit)}), total ${pct(fn.totalPct)} (${formatValue(fn.total, v.unit)})`,
      others.length
        ? `(also named so: ${others
            .slice(0, 3)
            .map((o) => `${o.stat.name} in ${o.file ?? o.stat.file ?? '?'}`)
            .join('; ')})`
        : '',
      'Hot lines (self share of the profile):',
      ...(hotLines.length
        ? hotLines.map(
            (l) =>
              `  line ${l.line}: ${pct(l.selfPct)} self, ${pct(l.ofFunctionPct)} of the function`,
          )
        : ['  (the profile recorded no lines for it)']),
      'Callers:',
      ...(callerRows.length ? callerRows.map(edgeText) : ['  (none: a root of the stacks)']),
      'Callees:',
      ...(calleeRows.length ? calleeRows.map(edgeText) : ['  (none: all its time is its own)']),
      ...(sentry
        ? [
            `Sentry spans on it (last ${sentry.period}):`,
            ...(spans.length
              ? spans.map(
                  (s) =>
                    `  ${s.function}${s.line ? ` line ${s.line}` : ''}: p95 ${ms(s.p95Ms)}, p50 ${ms(s.p50Ms)}, ${s.count} spans`,
                )
              : ['  (none)']),
          ]
        : []),
    ]
      .filter((l) => l !== '')
      .join('\n');
    return {
      text,
      data: {
        profile: ws.display(p.path),
        ...fn,
        hotLines,
        callers: callerRows,
        callees: calleeRows,
        sentrySpans: sentry ? spans : undefined,
      },
    };
  },
};

export type { LoadedProfile };
