// Plain-text output of `hotspot-lens diff`: a header with both totals, then the regressions and
// the improvements as two tables, biggest change first.
import type { DiffRow, ProfileDiff } from '../core/diff';
import { formatValue, renderTable } from './table';

const pts = (d: number) => `${d > 0 ? '+' : d < 0 ? '−' : '±'}${Math.abs(d).toFixed(2)} pts`;

export function renderDiff(
  diff: ProfileDiff,
  rows: readonly DiffRow[],
  top: number,
  names: readonly string[],
): string {
  const unit = diff.valueType.unit;
  const change =
    diff.baseTotal === 0
      ? ''
      : ` (${pts((100 * (diff.newTotal - diff.baseTotal)) / diff.baseTotal).replace(' pts', '%')})`;
  const header =
    `base: ${names[0]}\nnew:  ${names[1]}\n` +
    `value: ${diff.valueType.type} (${unit}), total ${formatValue(diff.baseTotal, unit)} -> ` +
    `${formatValue(diff.newTotal, unit)}${change}`;
  const limit = (list: DiffRow[]) => (top > 0 ? list.slice(0, top) : list);
  const worse = limit(rows.filter((r) => r.delta > 0).sort((a, b) => b.delta - a.delta));
  const better = limit(rows.filter((r) => r.delta < 0).sort((a, b) => a.delta - b.delta));
  const section = (title: string, list: DiffRow[]) =>
    list.length === 0 ? `${title}: none` : `${title}:\n${table(list, unit)}`;
  return [
    header,
    section('Regressions (self share grew)', worse),
    section('Improvements (self share shrank)', better),
  ].join('\n\n');
}

function table(rows: DiffRow[], unit: string): string {
  const header = ['change', 'base%', 'new%', 'base', 'new', 'function', 'file'];
  const cells = rows.map((r) => [
    pts(r.delta),
    r.status === 'added' ? '-' : `${r.baseShare.toFixed(2)}%`,
    r.status === 'removed' ? '-' : `${r.newShare.toFixed(2)}%`,
    formatValue(r.baseSelf, unit),
    formatValue(r.newSelf, unit),
    r.status === 'changed' ? r.name : `${r.name} [${r.status}]`,
    r.file ?? '',
  ]);
  return renderTable(header, cells, [true, true, true, true, true, false, false]);
}
