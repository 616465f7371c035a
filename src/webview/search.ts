import type { Layout } from '../core/layout';
import type { FlameModel } from './model';
import { percent } from './tooltip';

export interface SearchResult {
  /** Per frame, 1 when its name or file matches. */
  readonly matches: Uint8Array;
  /** Weight of the matched rects, counting nested matches once, over the graph's total. */
  readonly share: number;
  readonly frames: number;
  /** True when the text was not a valid regex and was searched for literally instead. */
  readonly literal: boolean;
}

/** The search text as a case-insensitive regex; invalid patterns are searched literally. */
export function compileSearch(text: string): { re: RegExp; literal: boolean } {
  try {
    return { re: new RegExp(text, 'i'), literal: false };
  } catch {
    return { re: new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i'), literal: true };
  }
}

export function matchFrames(model: FlameModel, text: string): Omit<SearchResult, 'share'> {
  const { re, literal } = compileSearch(text);
  const matches = new Uint8Array(model.frameCount);
  let frames = 0;
  for (let f = 0; f < matches.length; f++) {
    const file = model.files[f];
    if (re.test(model.names[f]) || (file !== undefined && re.test(file))) {
      matches[f] = 1;
      frames++;
    }
  }
  return { matches, frames, literal };
}

/**
 * Share of the total under matching rects. A matching rect's callees are skipped, so a match
 * inside a match (recursion) is not counted twice. The sandwich's callers row repeats the weight
 * of the function row, so only callee rects (depth >= 0) count.
 */
export function matchedShare(layout: Layout, matches: Uint8Array): number {
  if (!(layout.total > 0)) return 0;
  let sum = 0;
  for (let i = 0; i < layout.count;) {
    if (layout.depth[i] >= 0 && matches[layout.frame[i]] === 1) {
      sum += layout.end[i] - layout.start[i];
      i = layout.skip[i];
    } else {
      i++;
    }
  }
  return sum / layout.total;
}

/** The search over `layout` and the line shown beside the box; no result for empty text. */
export function runSearch(
  model: FlameModel,
  layout: Layout,
  text: string,
): { result: SearchResult | undefined; info: string } {
  if (text === '') return { result: undefined, info: '' };
  const m = matchFrames(model, text);
  const result = { ...m, share: matchedShare(layout, m.matches) };
  const info =
    `${m.frames} frame${m.frames === 1 ? '' : 's'}, ${percent(result.share, 1)} of total` +
    (m.literal ? ' (literal)' : '');
  return { result, info };
}
