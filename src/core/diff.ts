// Diff of two profiles by function: "prove it got faster". Both sides are attributed on the same
// value type and compared as shares of their own totals (percentage points), because two captures
// never have the same length; the absolute weights are kept alongside for display.
import { attribute, functionKey, type FunctionStat } from './attribution';
import { pairFunctions } from './diff/pair-functions';
import { matchValueTypes } from './diff/value-match';
import type { Profile, ValueType } from './model';

export { DiffError } from './diff/value-match';

export type DiffStatus = 'changed' | 'added' | 'removed';

export interface DiffRow {
  readonly name: string;
  /** The new profile's file (the baseline's for a removed function). */
  readonly file?: string;
  /** The baseline's spelling of the file when it differs (the capture ran somewhere else). */
  readonly baseFile?: string;
  /** functionKey(name, file): the key of this function in the new profile's attribution. */
  readonly key: string;
  readonly baseSelf: number;
  readonly newSelf: number;
  readonly baseTotal: number;
  readonly newTotal: number;
  /** Self weight as a percentage of the side's total. */
  readonly baseShare: number;
  readonly newShare: number;
  /** newShare − baseShare, in percentage points: positive is a regression. */
  readonly delta: number;
  readonly baseTotalShare: number;
  readonly newTotalShare: number;
  /** 'changed' means present on both sides (the delta may still be 0). */
  readonly status: DiffStatus;
}

export interface ProfileDiff {
  readonly valueType: ValueType;
  readonly baseValueIndex: number;
  readonly newValueIndex: number;
  /** Signed sums of all samples on each side: the denominators of the shares. */
  readonly baseTotal: number;
  readonly newTotal: number;
  /** Largest |delta| first; ties by name and file so output is stable. */
  readonly rows: readonly DiffRow[];
}

export interface DiffOptions {
  /** Value index in `next`; the baseline uses its value of the same type and unit. */
  readonly valueIndex?: number;
}

const share = (part: number, whole: number) => (whole === 0 ? 0 : (100 * part) / whole);

/** Throws DiffError when the profiles have no value type (type and unit) in common. */
export function diffProfiles(base: Profile, next: Profile, options: DiffOptions = {}): ProfileDiff {
  const values = matchValueTypes(base, next, options.valueIndex);
  const a = attribute(base, values.base);
  const b = attribute(next, values.next);
  const rows = pairFunctions(a.byFunction, b.byFunction).map((p) =>
    row(p.base, p.next, a.total, b.total),
  );
  rows.sort(
    (x, y) =>
      Math.abs(y.delta) - Math.abs(x.delta) ||
      cmp(x.name, y.name) ||
      cmp(x.file ?? '', y.file ?? ''),
  );
  return {
    valueType: values.valueType,
    baseValueIndex: values.base,
    newValueIndex: values.next,
    baseTotal: a.total,
    newTotal: b.total,
    rows,
  };
}

function row(
  base: FunctionStat | undefined,
  next: FunctionStat | undefined,
  baseTotal: number,
  newTotal: number,
): DiffRow {
  const named = (next ?? base)!;
  const baseShare = share(base?.self ?? 0, baseTotal);
  const newShare = share(next?.self ?? 0, newTotal);
  const baseFile = base?.file !== named.file ? base?.file : undefined;
  return {
    name: named.name,
    ...(named.file !== undefined && { file: named.file }),
    ...(baseFile !== undefined && { baseFile }),
    key: functionKey(named.name, named.file),
    baseSelf: base?.self ?? 0,
    newSelf: next?.self ?? 0,
    baseTotal: base?.total ?? 0,
    newTotal: next?.total ?? 0,
    baseShare,
    newShare,
    delta: newShare - baseShare,
    baseTotalShare: share(base?.total ?? 0, baseTotal),
    newTotalShare: share(next?.total ?? 0, newTotal),
    status: base && next ? 'changed' : next ? 'added' : 'removed',
  };
}

const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);

/** Rows whose self share grew by more than `points`, largest growth first. */
export function regressionsOf(diff: ProfileDiff, points = 0): DiffRow[] {
  return diff.rows.filter((r) => r.delta > points).sort((x, y) => y.delta - x.delta);
}

/** Rows whose self share shrank, largest drop first. */
export function improvementsOf(diff: ProfileDiff): DiffRow[] {
  return diff.rows.filter((r) => r.delta < 0).sort((x, y) => x.delta - y.delta);
}

/** Per function key of the new profile, its row (for lenses and heat on the loaded profile). */
export function rowsByKey(diff: ProfileDiff): Map<string, DiffRow> {
  return new Map(diff.rows.filter((r) => r.status !== 'removed').map((r) => [r.key, r]));
}
