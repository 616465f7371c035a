// The words and buckets of a baseline comparison, kept free of 'vscode' so unit tests can check
// them: deltas in percentage points, the lens text and the heat level of a change.

/** `−18.4 pts`, `+3.0 pts`, `±0.0 pts` (a real minus sign, as the lens spec shows). */
export function formatPoints(delta: number): string {
  const rounded = Math.round(Math.abs(delta) * 10) / 10;
  const sign = rounded === 0 ? '±' : delta > 0 ? '+' : '−';
  return `${sign}${rounded.toFixed(1)} pts`;
}

/**
 * The lens text with the change of the self share after it:
 * `🔥 34.2% total · 12.1% self (−18.4 pts vs baseline) · 1,234 samples`. A title without a
 * `% self` part (another format) gets the change appended instead.
 */
export function withDelta(title: string, delta: number): string {
  return insertAfterSelf(title, `(${formatPoints(delta)} vs baseline)`);
}

/** The lens text of a function that is new since the baseline. */
export function withAdded(title: string): string {
  return insertAfterSelf(title, '(new since baseline)');
}

function insertAfterSelf(title: string, note: string): string {
  const m = /\d+(?:\.\d+)?% self/.exec(title);
  if (!m) return `${title} ${note}`;
  const end = m.index + m[0].length;
  return `${title.slice(0, end)} ${note}${title.slice(end)}`;
}

export const DIFF_BUCKETS = 4;
/** |delta| in points where each heat level starts; smaller changes keep the plain heat colour. */
export const DIFF_LEVELS: readonly number[] = [1, 3, 10, 30];

/** Heat level 0…DIFF_BUCKETS-1 of a change, or undefined when it is too small to colour. */
export function diffBucket(delta: number): number | undefined {
  const a = Math.abs(delta);
  let bucket: number | undefined;
  DIFF_LEVELS.forEach((level, i) => {
    if (a >= level) bucket = i;
  });
  return bucket;
}
