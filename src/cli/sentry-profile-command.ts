// `hotspot-lens sentry profile`: Sentry Profiling's aggregated flamegraph for the projects,
// environment, period and transaction or function asked, read by the same importer as a saved
// file and printed as `summary` prints one (table or the same JSON). `-o` saves the flamegraph
// so `summary`, `diff` and the editor can open it later.
import { writeFile } from 'node:fs/promises';
import { ImportError } from '../core/errors';
import { importProfile } from '../core/import/index';
import { bytesSource } from '../core/source';
import { SentryClient } from '../sentry/client';
import { SentryError } from '../sentry/errors';
import { fetchFlamegraph } from '../sentry/profiling';
import { oneOf, parsePositiveInt } from './args';
import { InputError, UsageError } from './command';
import { stderrLog } from './sentry-log';
import { pickValue, summarize, type GroupBy } from './summary';
import { renderSummary } from './summary-command';

export interface SentryProfileArgs {
  url: string;
  org: string;
  token: string;
  period: string;
  project?: string[];
  environment?: string;
  transaction?: string;
  function?: string;
  output?: string;
  json?: boolean;
  verbose?: boolean;
  top?: string;
  by?: string;
  value?: string;
}

export async function runSentryProfile(a: SentryProfileArgs): Promise<number> {
  const by = oneOf<GroupBy>('--by', a.by ?? 'frame', ['frame', 'function', 'line']);
  const top = a.top === undefined ? 10 : parsePositiveInt('--top', a.top);
  let result;
  try {
    const client = new SentryClient({
      url: a.url,
      token: a.token,
      log: stderrLog(a.verbose ?? false),
    });
    await client.checkToken();
    result = await fetchFlamegraph(client, {
      org: a.org,
      projects: a.project ?? [],
      environment: a.environment,
      period: a.period,
      transaction: a.transaction,
      function: a.function,
    });
  } catch (err) {
    if (err instanceof SentryError) throw new InputError(err.message);
    throw err;
  }
  for (const note of result.notes) process.stderr.write(`note: ${note}\n`);
  const text = JSON.stringify(result.body);
  if (a.output) {
    await writeFile(a.output, text).catch((err: Error) => {
      throw new InputError(`cannot write ${a.output}: ${err.message}`);
    });
  }
  let profile;
  try {
    profile = await importProfile(bytesSource(result.source, Buffer.from(text)));
  } catch (err) {
    if (err instanceof ImportError) throw new InputError(`${result.source}: ${err.message}`);
    throw err;
  }
  const valueIndex = pickValue(profile, a.value);
  if (valueIndex === undefined) {
    const known = profile.valueTypes.map((v, i) => `${i}=${v.type}`).join(', ');
    throw new UsageError(`--value '${a.value}' is not in this profile (${known})`);
  }
  const summary = summarize(profile, { by, top, valueIndex });
  process.stdout.write(
    a.json ? `${JSON.stringify(summary)}\n` : `${renderSummary(summary, result.source)}\n`,
  );
  return 0;
}
