// `hotspot-lens sentry spans`: the span statistics the editor shows as CodeLens, printed as a
// table or JSON; `sentry profile` (sentry-profile-command.ts): Sentry's CPU flamegraph. The token comes from SENTRY_AUTH_TOKEN only, never from the command line,
// where it would end up in shell history and process listings.

import { SentryClient } from '../sentry/client';
import { SentryError } from '../sentry/errors';
import { isValidPeriod } from '../sentry/period';
import { fetchSpanStats } from '../sentry/span-stats';
import { callsPerRequest, type SpanStat } from '../sentry/spans';
import { optionsCommand } from './args';
import { stderrLog } from './sentry-log';
import { runSentryProfile } from './sentry-profile-command';
import { InputError, UsageError, type CliCommand } from './command';
import { renderTable } from './table';

const USAGE = `Usage: hotspot-lens sentry spans --url URL --org ORG [options]
       hotspot-lens sentry profile --url URL --org ORG [options]

spans    span latency per code location (file, function, line) from Sentry's spans dataset,
         slowest p95 first, with calls per request (N+1 queries show as ×20 and more) and
         the share of the busiest transaction's time spent there.
profile  the CPU flamegraph Sentry Profiling aggregates over the period (every profiled
         transaction and continuous-profiling chunk), printed like \`summary\` prints a file.

Reads the token from the SENTRY_AUTH_TOKEN environment variable: a User Auth Token with the
scopes org:read, project:read and event:read.

Options:
  --url URL           Sentry web address (https://sentry.io or your self-hosted URL)
  --org ORG           organization slug
  --project P         project slug or id (repeatable; default: all projects)
  --environment E     only data from this environment
  --period P          time window, e.g. 30m, 24h (default), 7d, 2w
  --json              print JSON ({"rows":[…]} for spans, the summary object for profile)
  --verbose           log every request to stderr
  -h, --help          show this help

profile only:
  --transaction T     only the profiles of transaction T
  --function F        only the profiles in which function F ran
  -o, --output FILE   also save the flamegraph (JSON that summary and the editor open)
  --top N, --by KIND, --value NAME   as for summary`;

const OPTIONS = {
  url: { type: 'string' },
  org: { type: 'string' },
  project: { type: 'string', multiple: true },
  environment: { type: 'string' },
  period: { type: 'string' },
  json: { type: 'boolean' },
  verbose: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  transaction: { type: 'string' },
  function: { type: 'string' },
  output: { type: 'string', short: 'o' },
  top: { type: 'string' },
  by: { type: 'string' },
  value: { type: 'string' },
} as const;

const PROFILE_ONLY = ['transaction', 'function', 'output', 'top', 'by', 'value'] as const;

export function jsonRow(s: SpanStat) {
  return {
    project: s.project,
    file: s.file,
    function: s.function,
    line: s.line,
    count: s.count,
    p50: s.p50,
    p95: s.p95,
    avg: s.avg,
    sumSelfTime: s.sumSelfTime,
    /** Distinct transactions the spans ran in; null when Sentry did not say. */
    requests: s.requests ?? null,
    callsPerRequest: callsPerRequest(s) ?? null,
    /** {transaction, fraction}: the share of the busiest transaction's time; null if unknown. */
    share: s.share ?? null,
  };
}

const ms = (v: number) =>
  v >= 1000
    ? `${Number((v / 1000).toPrecision(3))} s`
    : `${v >= 100 ? Math.round(v) : Number(v.toPrecision(3))} ms`;

const perRequest = (s: SpanStat) => {
  const n = callsPerRequest(s);
  return n === undefined ? '' : `×${Number(n.toPrecision(3))}`;
};
const pct = (f: number) => `${Number((f * 100).toPrecision(f >= 0.1 ? 3 : 2))}%`;

function table(rows: readonly SpanStat[]): string {
  const body = rows.map((s) => [
    `${s.lowConfidence ? '≈' : ''}${ms(s.p95)}`,
    ms(s.p50),
    ms(s.avg),
    s.count.toLocaleString('en-US'),
    ms(s.sumSelfTime),
    perRequest(s),
    s.share ? `${pct(s.share.fraction)} of ${s.share.transaction}` : '',
    s.project,
    s.file === null
      ? `${s.function} (span name)`
      : `${s.file}${s.line ? `:${s.line}` : ''} ${s.function}`,
  ]);
  const header = [
    'p95',
    'p50',
    'avg',
    'count',
    'self total',
    'per request',
    'share',
    'project',
    'location',
  ];
  return renderTable(header, body, [true, true, true, true, true, true, false, false, false]);
}

export const sentryCommand: CliCommand = optionsCommand({
  summary:
    'print span latency per code line (sentry spans) or the Sentry Profiling flamegraph (sentry profile)',
  usage: USAGE,
  options: OPTIONS,
  async run({ values, positionals }) {
    const sub = positionals[0];
    if ((sub !== 'spans' && sub !== 'profile') || positionals.length !== 1)
      throw new UsageError(
        `expected the subcommand 'spans' or 'profile'${positionals.length ? `, got '${positionals.join(' ')}'` : ''}`,
      );
    if (!values.url) throw new UsageError('--url is required');
    if (!values.org) throw new UsageError('--org is required');
    const period = values.period ?? '24h';
    if (!isValidPeriod(period))
      throw new UsageError(`--period expects a value like 30m, 24h, 7d or 2w; got '${period}'`);
    if (sub === 'spans') {
      const extra = PROFILE_ONLY.find((o) => values[o] !== undefined);
      if (extra) throw new UsageError(`--${extra} is an option of 'sentry profile', not 'spans'`);
    } else if (values.transaction !== undefined && values.function !== undefined) {
      throw new UsageError('give --transaction or --function, not both');
    }
    const token = process.env.SENTRY_AUTH_TOKEN?.trim();
    if (!token)
      throw new InputError(
        'SENTRY_AUTH_TOKEN is not set. Fix: create a User Auth Token with the scopes ' +
          'org:read, project:read and event:read (Sentry → Settings → Account → API → Auth Tokens) and export it.',
      );
    if (sub === 'profile')
      return runSentryProfile({ ...values, url: values.url, org: values.org, period, token });
    try {
      const client = new SentryClient({
        url: values.url,
        token,
        log: stderrLog(values.verbose ?? false),
      });
      await client.checkToken();
      const result = await fetchSpanStats(client, {
        org: values.org,
        projects: values.project ?? [],
        environment: values.environment,
        period,
        requestShares: true,
      });
      for (const note of result.notes) process.stderr.write(`note: ${note}\n`);
      if (values.json)
        process.stdout.write(`${JSON.stringify({ rows: result.rows.map(jsonRow) })}\n`);
      else if (result.rows.length === 0)
        process.stdout.write(`No spans with code locations in the last ${result.period}.\n`);
      else
        process.stdout.write(
          `${table(result.rows)}\n(last ${result.period}; ≈ = Sentry reports low confidence)\n`,
        );
      return 0;
    } catch (err) {
      if (err instanceof SentryError) throw new InputError(err.message);
      throw err;
    }
  },
});
