// `hotspot-lens diff BASE NEW`: the biggest regressions and improvements between two profiles,
// and a CI guard (`--fail-on-regression PCT`, exit 2) for a hot path.
import { DiffError, diffProfiles, type DiffRow, type ProfileDiff } from '../core/diff';
import { optionsCommand, parsePositiveInt } from './args';
import { InputError, UsageError, type CliCommand } from './command';
import { loadProfile } from './load-profile';
import { pickValue } from './summary';
import { renderDiff } from './diff-render';

const USAGE = `Usage: hotspot-lens diff BASE NEW [options]

Compares two profiles of the same program by function (name and file, lines ignored). Shares are
self weight as a percentage of each profile's total; deltas are in percentage points (pts).

Options:
  --json                    print {"rows":[...],"regressions":n} instead of a table
  --top N                   rows to print (default 10; 0 prints all)
  --fail-on-regression PCT  exit 2 when a function's self share grew by more than PCT points
  --function NAME           only this function (rows, regressions and the failure check)
  --value INDEX|NAME        value type of NEW to compare (BASE uses the same type and unit)
  -h, --help                show this help

"regressions" counts the functions whose share grew by more than PCT (0 without the flag).`;

const OPTIONS = {
  json: { type: 'boolean' },
  top: { type: 'string' },
  'fail-on-regression': { type: 'string' },
  function: { type: 'string' },
  value: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export const diffCommand: CliCommand = optionsCommand({
  summary: 'compare two profiles: biggest regressions and improvements by function',
  usage: USAGE,
  options: OPTIONS,
  async run({ values, positionals }) {
    if (positionals.length !== 2) throw new UsageError('expected two profiles: BASE NEW');
    const top = values.top === undefined ? 10 : parsePositiveInt('--top', values.top);
    const failOn = values['fail-on-regression'];
    const threshold = failOn === undefined ? undefined : parsePoints(failOn);

    const [base, next] = await Promise.all(positionals.map(loadProfile));
    const valueIndex = pickValue(next, values.value);
    if (valueIndex === undefined) {
      const known = next.valueTypes.map((v, i) => `${i}=${v.type}`).join(', ');
      throw new UsageError(`--value '${values.value}' is not in ${positionals[1]} (${known})`);
    }
    let diff: ProfileDiff;
    try {
      diff = diffProfiles(base, next, {
        valueIndex: values.value === undefined ? undefined : valueIndex,
      });
    } catch (err) {
      if (err instanceof DiffError) throw new InputError(err.message);
      throw err;
    }
    const only = values.function;
    const rows = only === undefined ? diff.rows : diff.rows.filter((r) => r.name === only);
    if (only !== undefined && rows.length === 0) {
      throw new InputError(`function '${only}' is in neither profile`);
    }
    const over = rows.filter((r) => r.delta > (threshold ?? 0));
    const shown = top > 0 ? rows.slice(0, top) : rows;
    if (values.json) {
      process.stdout.write(
        `${JSON.stringify({ rows: shown.map(jsonRow), regressions: over.length })}\n`,
      );
    } else {
      const names = positionals.map((p, i) => [base, next][i].meta.name || p);
      process.stdout.write(`${renderDiff(diff, rows, top, names)}\n`);
    }
    if (threshold === undefined || over.length === 0) return 0;
    for (const r of over) {
      process.stderr.write(
        `hotspot-lens diff: ${r.name}${r.file ? ` (${r.file})` : ''} self share grew by ` +
          `${r.delta.toFixed(2)} pts (${r.baseShare.toFixed(2)}% -> ${r.newShare.toFixed(2)}%), ` +
          `more than ${threshold} pts\n`,
      );
    }
    return 2;
  },
});

function parsePoints(text: string): number {
  if (!/^\d+(\.\d+)?$/.test(text)) {
    throw new UsageError(`--fail-on-regression expects percentage points (e.g. 5), got '${text}'`);
  }
  return Number(text);
}

/** Shares rounded to 1e-4 pts: enough for any decision, and stable golden files. */
const round = (x: number) => Math.round(x * 1e4) / 1e4 + 0;

function jsonRow(r: DiffRow) {
  return {
    name: r.name,
    file: r.file ?? null,
    baseSelf: r.baseSelf,
    newSelf: r.newSelf,
    baseShare: round(r.baseShare),
    newShare: round(r.newShare),
    delta: round(r.delta),
  };
}
