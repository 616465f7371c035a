// `hotspots`: the hottest functions of a loaded (or named) profile, with Sentry latency beside
// each when Sentry is configured.
import { formatValue, pct, round, share, where } from '../format';
import { functionJson, locate, profileHeader } from '../function-facts';
import type { AssistHost } from '../host';
import type { LoadedProfile } from '../loaded-profile';
import { spanJson, spansOf } from '../sentry-join';
import { DEFAULT_LIMIT, LIMIT_PROPERTY, type AssistTool, type ToolResult } from '../types';
import { ms } from '../format';

export interface HotspotsOptions {
  readonly file?: string;
  readonly workspaceOnly?: boolean;
  readonly sortBy?: 'self' | 'total';
  readonly limit?: number;
}

export const hotspotsTool: AssistTool = {
  name: 'hotspots',
  title: 'Profile hotspots',
  description:
    "The functions that use the most CPU (or the profile's value: memory, wall time) in the loaded " +
    'CPU profile, hottest first: function name, workspace file and def line, self and total share ' +
    'of the profile, and production latency from Sentry spans (p95, p50, count) when Sentry is ' +
    'configured. Use it to answer "why is this slow" or "where does the time go" before reading ' +
    'code. Optionally only one file or only functions in workspace files.',
  inputSchema: {
    type: 'object',
    properties: {
      profile: {
        type: 'string',
        description: 'Profile file relative to the workspace root (default: the loaded profile).',
      },
      file: { type: 'string', description: 'Only functions in this workspace file.' },
      workspaceOnly: {
        type: 'boolean',
        description: 'Only functions whose file is in the workspace (no stdlib, no native).',
      },
      sortBy: {
        type: 'string',
        enum: ['self', 'total'],
        description: 'self (default): time in the function itself; total: including its callees.',
      },
      limit: LIMIT_PROPERTY,
    },
    additionalProperties: false,
  },
  async run(args, host) {
    const p = await host.profiles.get(args.profile as string | undefined);
    return hotspotsOf(p, host, args as HotspotsOptions);
  },
};

export async function hotspotsOf(
  p: LoadedProfile,
  host: AssistHost,
  o: HotspotsOptions,
): Promise<ToolResult> {
  const ws = host.workspace;
  const limit = o.limit ?? DEFAULT_LIMIT;
  const onlyFile = o.file === undefined ? undefined : ws.display(ws.inside(o.file, 'file'));
  const list = o.sortBy === 'total' ? p.byTotal() : p.functions;
  const picked = [];
  for (const e of list) {
    if (onlyFile !== undefined ? e.file !== onlyFile : o.workspaceOnly && e.file === null) continue;
    picked.push(e);
    if (picked.length === limit) break;
  }
  const located = await Promise.all(picked.map((e) => locate(p, e, ws)));
  const sentry = host.sentry ? await host.sentry.stats() : undefined;
  const v = p.valueType;
  const rows = located.map((l, i) => {
    const spans = sentry
      ? spansOf(sentry.rows, { name: l.entry.stat.name, file: l.entry.file, range: l.range }, ws)
      : [];
    return {
      rank: i + 1,
      ...functionJson(p, l),
      sentry: spans[0] ? spanJson(spans[0]) : undefined,
    };
  });
  const lines = rows.map((r) => {
    const s = r.sentry
      ? ` · Sentry p95 ${ms(r.sentry.p95Ms)}, p50 ${ms(r.sentry.p50Ms)}, ${r.sentry.count} spans`
      : '';
    return (
      `${r.rank}. ${r.function} — ${where(r.file, r.line ?? undefined)}${r.recordedFile ? ` (recorded ${r.recordedFile})` : ''} — ` +
      `self ${pct(r.selfPct)} (${formatValue(r.self, v.unit)}), total ${pct(r.totalPct)} (${formatValue(r.total, v.unit)})${s}`
    );
  });
  const filter = onlyFile ? ` in ${onlyFile}` : o.workspaceOnly ? ' in workspace files' : '';
  const head =
    `Hottest functions by ${o.sortBy ?? 'self'} share${filter} of ${profileHeader(p, ws)}, ` +
    `total ${formatValue(p.total, v.unit)}` +
    (sentry ? `; Sentry over the last ${sentry.period}` : '') +
    ':';
  const text = rows.length ? `${head}\n${lines.join('\n')}` : `${head}\n(no function matches)`;
  return {
    text,
    data: {
      profile: ws.display(p.path),
      valueType: v,
      total: p.total,
      totalShown: round(
        share(
          rows.reduce((a, r) => a + r.self, 0),
          p.total,
        ),
      ),
      sentryPeriod: sentry?.period,
      functions: rows,
    },
  };
}
