// Plain-text output for the CLI: values in human units and left/right aligned columns.

/** A weight in its unit, made readable: `1.89 s`, `69.0 MiB`, `709`. */
export function formatValue(value: number, unit: string): string {
  const u = unit.toLowerCase();
  if (u === 'nanoseconds' || u === 'microseconds' || u === 'milliseconds' || u === 'seconds') {
    const scale = { nanoseconds: 1e-9, microseconds: 1e-6, milliseconds: 1e-3, seconds: 1 }[u];
    return formatSeconds(value * scale);
  }
  if (u === 'bytes') return formatBytes(value);
  if (Number.isInteger(value)) return value.toLocaleString('en-US');
  return String(Number(value.toPrecision(6)));
}

function formatSeconds(s: number): string {
  const abs = Math.abs(s);
  if (abs === 0) return '0 s';
  if (abs >= 1) return `${trim(s)} s`;
  if (abs >= 1e-3) return `${trim(s * 1e3)} ms`;
  if (abs >= 1e-6) return `${trim(s * 1e6)} µs`;
  return `${trim(s * 1e9)} ns`;
}

function formatBytes(b: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = b;
  let i = 0;
  while (Math.abs(v) >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return i === 0 ? `${b} B` : `${trim(v)} ${units[i]}`;
}

function trim(v: number): string {
  return String(Number(v.toPrecision(3)));
}

export function formatPercent(part: number, whole: number): string {
  if (whole === 0) return '-';
  return `${((100 * part) / whole).toFixed(2)}%`;
}

/** Columns padded to their widest cell; `right` marks the numeric columns. */
export function renderTable(header: string[], rows: string[][], right: readonly boolean[]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, c) => {
        if (c === cells.length - 1 && !right[c]) return cell;
        return right[c] ? cell.padStart(widths[c]) : cell.padEnd(widths[c]);
      })
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}
