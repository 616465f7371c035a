// Which value type of each profile a diff compares. Two profiles are only comparable on a value
// with the same type and unit (cpu/nanoseconds against cpu/nanoseconds); comparing samples of one
// against bytes of the other would produce confident nonsense.
import type { Profile, ValueType } from '../model';

/** The two profiles have no value type in common, or the requested one is missing from one. */
export class DiffError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DiffError';
  }
}

export interface ValuePair {
  readonly base: number;
  readonly next: number;
  readonly valueType: ValueType;
}

const sameType = (a: ValueType, b: ValueType) =>
  a.type.toLowerCase() === b.type.toLowerCase() && a.unit.toLowerCase() === b.unit.toLowerCase();

const describe = (p: Profile) => p.valueTypes.map((v) => `${v.type}/${v.unit}`).join(', ');

/**
 * With `nextValue`, that value of `next` and the base value of the same type and unit. Without it,
 * the first of: next's default, base's default, then the first value type both profiles have.
 */
export function matchValueTypes(base: Profile, next: Profile, nextValue?: number): ValuePair {
  const inBase = (i: number) =>
    sameType(base.valueTypes[base.defaultValue], next.valueTypes[i])
      ? base.defaultValue
      : base.valueTypes.findIndex((v) => sameType(v, next.valueTypes[i]));
  if (nextValue !== undefined) {
    const vt = next.valueTypes[nextValue];
    if (vt === undefined) throw new DiffError(`the new profile has no value type ${nextValue}`);
    const b = inBase(nextValue);
    if (b < 0) {
      throw new DiffError(
        `the baseline has no ${vt.type}/${vt.unit} values (it has ${describe(base)})`,
      );
    }
    return { base: b, next: nextValue, valueType: vt };
  }
  const candidates = [
    next.defaultValue,
    next.valueTypes.findIndex((v) => sameType(v, base.valueTypes[base.defaultValue])),
    ...next.valueTypes.map((_, i) => i),
  ];
  for (const n of candidates) {
    if (n < 0 || n >= next.valueTypes.length) continue;
    const b = inBase(n);
    if (b >= 0) return { base: b, next: n, valueType: next.valueTypes[n] };
  }
  throw new DiffError(
    `the profiles share no value type: the baseline has ${describe(base)}, ` +
      `the new profile has ${describe(next)}`,
  );
}
