import { resolve as resolvePath } from 'path';
import { PathResolver } from '../mapping/path-map';
import { oneOf, optionsCommand, parseMapping, parsePositiveInt } from './args';
import { InputError, UsageError, type CliCommand } from './command';
import { loadProfile } from './load-profile';
import { pickValue, summarize, type GroupBy, type Summary } from './summary';
import { formatPercent, formatValue, renderTable } from './table';
import { listWorkspaceFiles } from './workspace-files';

const USAGE = `Usage: hotspot-lens summary FILE [options]

Prints the hottest frames, functions or source lines of a profile (speedscope JSON, py-spy raw,
collapsed/folded stacks, perf script text or pprof).

Options:
  --json              print one JSON object instead of a table
  --top N             rows to print (default 10; 0 prints all)
  --by KIND           frame (default), function or line
  --value INDEX|NAME  value type to rank by, by index or name (e.g. cpu, alloc_space)
  --root DIR          resolve profile paths to files under DIR
  --map FROM=TO       rewrite a path prefix before resolving (repeatable)
  -h, --help          show this help`;

const OPTIONS = {
  json: { type: 'boolean' },
  top: { type: 'string' },
  by: { type: 'string' },
  value: { type: 'string' },
  root: { type: 'string' },
  map: { type: 'string', multiple: true },
  help: { type: 'boolean', short: 'h' },
} as const;

export const summaryCommand: CliCommand = optionsCommand({
  summary: 'print the hottest frames, functions or lines of a profile file',
  usage: USAGE,
  options: OPTIONS,
  async run({ values, positionals }) {
    if (positionals.length !== 1) throw new UsageError('expected exactly one profile FILE');
    const by = oneOf<GroupBy>('--by', values.by ?? 'frame', ['frame', 'function', 'line']);
    const top = values.top === undefined ? 10 : parsePositiveInt('--top', values.top);
    const mappings = (values.map ?? []).map(parseMapping);

    const profile = await loadProfile(positionals[0]);
    const valueIndex = pickValue(profile, values.value);
    if (valueIndex === undefined) {
      const known = profile.valueTypes.map((v, i) => `${i}=${v.type}`).join(', ');
      throw new UsageError(`--value '${values.value}' is not in this profile (${known})`);
    }
    let resolver: PathResolver | undefined;
    if (values.root !== undefined) {
      const root = resolvePath(values.root);
      const files = await listWorkspaceFiles(root).catch((err: Error) => {
        throw new InputError(`cannot list --root ${values.root}: ${err.message}`);
      });
      resolver = new PathResolver(files, mappings, root);
    }
    const summary = summarize(profile, { by, top, valueIndex, resolver });
    const name = profile.meta.name;
    process.stdout.write(
      values.json ? `${JSON.stringify(summary)}\n` : `${renderSummary(summary, name)}\n`,
    );
    return 0;
  },
});

export function renderSummary(s: Summary, name: string): string {
  const v = s.values[s.value];
  const total = v.total;
  const title =
    `${name}: ${s.format} profile, ${s.samples.toLocaleString('en-US')} samples, ` +
    `${s.frames.toLocaleString('en-US')} frames\n` +
    `value: ${v.type} (${v.unit}), total ${formatValue(total, v.unit)}` +
    (s.attributes ? `\n${renderAttributes(s.attributes)}` : '');
  if (s.top.length === 0) return `${title}\n(no samples)`;
  const rows = s.top.map((r) => {
    const where = r.file === null ? '' : r.line === null ? r.file : `${r.file}:${r.line}`;
    const location =
      r.resolved !== null && r.resolved !== r.file ? `${where} -> ${r.resolved}` : where;
    return [
      formatPercent(r.self, total),
      formatValue(r.self, v.unit),
      formatPercent(r.total, total),
      formatValue(r.total, v.unit),
      r.name,
      location,
    ];
  });
  const header = ['self%', 'self', 'total%', 'total', 'name', 'location'];
  return `${title}\n\n${renderTable(header, rows, [true, true, true, true, false, false])}`;
}

/** `from: service.name=report-api, order-server · host.name=prod-7` (OTLP resource attributes). */
function renderAttributes(attributes: Record<string, string>): string {
  const shown = Object.entries(attributes).map(([k, v]) => `${k}=${v}`);
  return `from: ${shown.join(' · ')}`;
}
