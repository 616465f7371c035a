// `slowest_spans`: the slowest recorded example spans of a function or span name from Sentry,
// with trace ids and links a person can open.
import { nameSegments } from '../../mapping/function-match';
import type { SpanStat } from '../../sentry/spans';
import { ms } from '../format';
import { ToolError, type AssistTool } from '../types';

const DEFAULT_SAMPLES = 5;

export const slowestSpansTool: AssistTool = {
  name: 'slowest_spans',
  title: 'Slowest Sentry spans',
  description:
    'The slowest example spans Sentry recorded for a function or span name in production, ' +
    'slowest first: duration, transaction, trace id, time and a link to the trace. Needs Sentry ' +
    "to be configured. Give 'function' (code.function or a qualified name such as " +
    "'shopapp.reports.compute_report'), 'spanName', or 'file'.",
  inputSchema: {
    type: 'object',
    properties: {
      function: { type: 'string', description: 'Function name (the code.function of the spans).' },
      spanName: {
        type: 'string',
        description: 'Span name / description (span.op:function spans).',
      },
      file: { type: 'string', description: 'Workspace file the spans were recorded in.' },
      limit: {
        type: 'integer',
        minimum: 1,
        maximum: 50,
        description: `Example spans to return (default ${DEFAULT_SAMPLES}).`,
      },
    },
    additionalProperties: false,
  },
  async run(args, host, signal) {
    if (!host.sentry)
      throw new ToolError(host.sentryMissing ?? 'Sentry is not configured for this workspace');
    const fn = args.function as string | undefined;
    const name = args.spanName as string | undefined;
    const fileArg = args.file as string | undefined;
    if (fn === undefined && name === undefined && fileArg === undefined)
      throw new ToolError("pass 'function', 'spanName' or 'file'");
    const ws = host.workspace;
    const file = fileArg === undefined ? undefined : ws.display(ws.inside(fileArg, 'file'));
    const { rows, period } = await host.sentry.stats(signal);
    const wanted = fn === undefined ? [] : nameSegments(fn);
    const matches = rows
      .filter((s) => {
        if (file !== undefined && ws.fileOf(s.file ?? undefined) !== file) return false;
        if (name !== undefined && s.function !== name) return false;
        if (fn !== undefined) {
          const own = nameSegments(s.function);
          if (own.length < wanted.length) return false;
          if (!wanted.every((w, i) => own[own.length - wanted.length + i] === w)) return false;
        }
        return true;
      })
      .sort((a, b) => b.p95 - a.p95);
    const what = [fn && `function '${fn}'`, name && `span name '${name}'`, file && `file ${file}`]
      .filter(Boolean)
      .join(', ');
    if (matches.length === 0)
      throw new ToolError(`Sentry has no spans for ${what} in the last ${period}`);
    const stat: SpanStat = matches[0];
    const limit = (args.limit as number | undefined) ?? DEFAULT_SAMPLES;
    const samples = await host.sentry.slowest(stat, limit, signal);
    const spans = samples.map((s) => ({
      durationMs: s.duration,
      transaction: s.transaction,
      description: s.description,
      traceId: s.traceId,
      spanId: s.spanId,
      timestamp: s.timestamp,
      project: s.project,
      url: host.sentry!.traceUrl(s),
    }));
    const loc =
      stat.file === null
        ? stat.function
        : `${stat.function} (${stat.file}${stat.line ? `:${stat.line}` : ''})`;
    const text = [
      `Slowest spans of ${loc}, last ${period}: p95 ${ms(stat.p95)}, p50 ${ms(stat.p50)}, ${stat.count} spans` +
        (matches.length > 1
          ? ` (${matches.length - 1} more locations matched; narrow with 'file')`
          : '') +
        ':',
      ...(spans.length
        ? spans.map(
            (s, i) =>
              `${i + 1}. ${ms(s.durationMs)} in ${s.transaction || '?'} — trace ${s.traceId} at ${s.timestamp} — ${s.url}`,
          )
        : ['(Sentry returned no example spans)']),
    ].join('\n');
    return {
      text,
      data: {
        function: stat.function,
        file: ws.fileOf(stat.file ?? undefined) ?? stat.file,
        line: stat.line,
        period,
        p95Ms: stat.p95,
        p50Ms: stat.p50,
        count: stat.count,
        spans,
      },
    };
  },
};
