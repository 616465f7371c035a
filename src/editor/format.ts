import type { Weighted } from '../core/attribution';
import type { ValueType } from '../core/model';
import type { LoadedProfile } from './loaded-profile';

/** Percent of `total` with one decimal, as every view shows it (`34.2%`). */
export function percent(value: number, total: number): string {
  if (total === 0) return '0.0%';
  return `${((value / total) * 100).toFixed(1)}%`;
}

export function share(value: number, total: number): number {
  return total === 0 ? 0 : (value / total) * 100;
}

const BYTES = ['B', 'KB', 'MB', 'GB', 'TB'];

/**
 * A weight in its value type's unit, the way a person reads it: sample counts with thousands
 * separators, CPU time in s/ms, memory in MB. Unknown units are printed as they are.
 */
export function formatWeight(value: number, type: ValueType): string {
  const unit = type.unit.toLowerCase();
  switch (unit) {
    case 'count':
    case 'samples':
    case '': {
      const n = Math.round(value);
      return `${n.toLocaleString('en-US')} ${n === 1 ? 'sample' : 'samples'}`;
    }
    case 'nanoseconds':
      return formatSeconds(value / 1e9);
    case 'microseconds':
      return formatSeconds(value / 1e6);
    case 'milliseconds':
      return formatSeconds(value / 1e3);
    case 'seconds':
      return formatSeconds(value);
    case 'bytes': {
      let v = value;
      let i = 0;
      while (Math.abs(v) >= 1000 && i < BYTES.length - 1) {
        v /= 1000;
        i++;
      }
      return `${i === 0 ? v : v.toFixed(1)} ${BYTES[i]}`;
    }
    default:
      return `${Number.isInteger(value) ? value.toLocaleString('en-US') : value.toPrecision(3)} ${type.unit}`;
  }
}

function formatSeconds(s: number): string {
  if (Math.abs(s) >= 1) return `${s.toFixed(2)} s CPU`;
  if (Math.abs(s) >= 1e-3) return `${(s * 1e3).toFixed(1)} ms CPU`;
  return `${(s * 1e6).toFixed(0)} µs CPU`;
}

/** `🔥 34.2% total · 12.1% self · 1,234 samples`: the lens and inline annotation text. */
export function functionSummary(loaded: LoadedProfile, stat: Weighted): string {
  const total = loaded.attribution.total;
  const type = loaded.profile.valueTypes[loaded.valueIndex];
  return (
    `🔥 ${percent(stat.total, total)} total · ${percent(stat.self, total)} self · ` +
    formatWeight(stat.total, type)
  );
}

/** The display name of a function key (`name\0file`). */
export function nameOfKey(key: string): string {
  const i = key.indexOf('\u0000');
  return i < 0 ? key : key.slice(0, i);
}
