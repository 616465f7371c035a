// Places a function named by a profiler or by Sentry on a def line of a scanned file. Profilers
// spell names their own way (py-spy: bare `multiply`; Go: `main.(*T).Method.func1`; Rust:
// `crate::m::T::f::h0123…`; C++: `ns::T<int>::f(int) const`), so both sides are reduced to name
// segments and compared from the end.
import type { FunctionRange } from './functions';

/** Name segments, outermost first, without argument lists, generics, hashes or clone suffixes. */
export function nameSegments(name: string): string[] {
  let n = name.trim();
  n = n.replace(/\s*\[clone [^\]]*\]$/, '').replace(/@@?[\w.]+$/, '');
  n = n.replace(/(?:\.(?:isra|constprop|part|cold|lto_priv)(?:\.\d+)?)+$/, '');
  n = stripBalanced(n, '(', ')', true);
  n = n.replace(/<([^<>]*?) as ([^<>]*?)>/g, '$1'); // Rust `<Foo as Trait>::f` → Foo::f
  n = stripBalanced(n, '<', '>', false);
  n = n.replace(/::h[0-9a-f]{16}$/, '');
  const parts = n
    .split(/::|\.|\//)
    .map((s) =>
      s
        .replace(/^\(\*?(.*)\)$/, '$1')
        .replace(/^\*/, '')
        .trim(),
    )
    .filter((s) => s !== '' && s !== '<locals>' && s !== '{{closure}}');
  // Go closures (`f.func1`, `f.func1.2`, `f.gowrap1`) belong to the function that contains them.
  while (parts.length > 1 && /^(?:func|gowrap)\d+$|^\d+$/.test(parts[parts.length - 1]))
    parts.pop();
  return parts;
}

/**
 * Segments shared at the end, or 0 when the two disagree before `range`'s qualifier is used up
 * (`Matrix.multiply` is not `Vector.multiply`; `main.fib` is `fib`).
 */
function matchScore(profile: readonly string[], range: FunctionRange): number {
  const own = nameSegments(range.qualifiedName);
  let n = 0;
  while (n < profile.length && n < own.length) {
    if (profile[profile.length - 1 - n] !== own[own.length - 1 - n]) return 0;
    n++;
  }
  return n;
}

export function matchFunction(
  ranges: readonly FunctionRange[],
  name: string,
  lines: readonly number[],
): FunctionRange | undefined {
  const segments = nameSegments(name);
  if (segments.length === 0) return undefined;
  const scored = ranges
    .map((range) => ({ range, score: matchScore(segments, range) }))
    .filter((s) => s.score > 0);
  if (scored.length === 0) return undefined;

  // With hot lines: the range that holds most of them, then the best name match, then the
  // innermost (a nested `inner` inside `outer` that both match by name).
  let best: { range: FunctionRange; score: number; hits: number } | undefined;
  for (const s of scored) {
    const first = s.range.decoratorLine ?? s.range.startLine;
    const hits = lines.filter((l) => l >= first && l <= s.range.endLine).length;
    if (hits === 0) continue;
    if (
      !best ||
      hits > best.hits ||
      (hits === best.hits && s.score > best.score) ||
      (hits === best.hits && s.score === best.score && span(s.range) < span(best.range))
    ) {
      best = { ...s, hits };
    }
  }
  if (best) return best.range;

  // Without lines (or none inside a matching range): only a unique best name match is safe.
  const top = Math.max(...scored.map((s) => s.score));
  const winners = scored.filter((s) => s.score === top);
  return winners.length === 1 ? winners[0].range : undefined;
}

function span(r: FunctionRange): number {
  return r.endLine - r.startLine;
}

/** Removes `open…close` groups; `trailingOnly` keeps inner ones (C++ `(anonymous namespace)`). */
function stripBalanced(text: string, open: string, close: string, trailingOnly: boolean): string {
  if (trailingOnly) {
    const t = text.replace(/\s*(?:const|volatile|&&?|noexcept)\s*$/, '');
    if (!t.endsWith(close)) return text;
    let depth = 0;
    for (let i = t.length - 1; i >= 0; i--) {
      if (t[i] === close) depth++;
      else if (t[i] === open && --depth === 0) return i === 0 ? text : t.slice(0, i).trimEnd();
    }
    return text;
  }
  let out = '';
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === open && !(open === '<' && text[i - 1] === '<')) depth++;
    else if (c === close && depth > 0 && text[i - 1] !== '-') depth--;
    else if (depth === 0) out += c;
  }
  return out;
}
