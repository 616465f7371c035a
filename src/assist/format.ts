// Numbers as the tools print them: shares with one decimal (enough for a model to rank by), weights
// in their unit, durations in ms. The JSON keeps rounded numbers too, so answers stay small.
export { formatValue } from '../cli/table';

export const round = (x: number, digits = 2): number => {
  const f = 10 ** digits;
  return Math.round(x * f) / f + 0;
};

export const share = (part: number, whole: number): number =>
  whole === 0 ? 0 : (100 * part) / whole;

export const pct = (x: number): string => `${x.toFixed(1)}%`;

export const pts = (x: number): string =>
  `${x > 0 ? '+' : x < 0 ? '−' : '±'}${Math.abs(x).toFixed(1)} pts`;

export function ms(v: number): string {
  if (!Number.isFinite(v)) return '–';
  if (v >= 1000) return `${Number((v / 1000).toPrecision(3))} s`;
  return `${v >= 100 ? Math.round(v) : Number(v.toPrecision(3))} ms`;
}

export const where = (file: string | null, line: number | undefined): string =>
  file === null ? '(no workspace file)' : line === undefined ? file : `${file}:${line}`;
