// Expected values read straight from the files under test, independently of the extension: the
// hottest lines and functions of a speedscope profile, def lines of a Python source, and the
// numbers in lens and QuickPick texts. The scenarios compare what the browser shows with these.
import fs from 'node:fs';

/** Self samples per line and the function names of `fileSuffix` in a speedscope profile. */
export function speedscopeFacts(profilePath, fileSuffix) {
  const doc = JSON.parse(fs.readFileSync(profilePath, 'utf8'));
  const frames = doc.shared.frames;
  const selfByLine = new Map();
  let total = 0;
  for (const p of doc.profiles) {
    const stacks = p.type === 'sampled' ? p.samples : [];
    stacks.forEach((stack, i) => {
      const w = p.weights?.[i] ?? 1;
      total += w;
      const leaf = frames[stack[stack.length - 1]];
      if (leaf?.file?.endsWith(fileSuffix) && leaf.line) {
        selfByLine.set(leaf.line, (selfByLine.get(leaf.line) ?? 0) + w);
      }
    });
  }
  const names = new Set(frames.filter((f) => f.file?.endsWith(fileSuffix)).map((f) => f.name));
  const linesOf = (name) =>
    frames.filter((f) => f.name === name && f.file?.endsWith(fileSuffix)).map((f) => f.line);
  const hottest = [...selfByLine.entries()].sort((a, b) => b[1] - a[1])[0];
  return { names, linesOf, hottestLine: hottest?.[0], total };
}

/** 1-based def line of each top-level or nested `def name(` in a Python file. */
export function defLines(sourcePath) {
  const out = new Map();
  fs.readFileSync(sourcePath, 'utf8')
    .split('\n')
    .forEach((text, i) => {
      const m = /^\s*(?:async\s+)?def\s+(\w+)\s*\(/.exec(text);
      if (m && !out.has(m[1])) out.set(m[1], i + 1);
    });
  return out;
}

/** Milliseconds from the extension's duration text: `1.2 s`, `245 ms`, `0.23 ms`. */
export function parseMs(text) {
  const m = /([\d.]+)\s*(ms|s)\b/.exec(text);
  if (!m) return undefined;
  return Number(m[1]) * (m[2] === 's' ? 1000 : 1);
}

/** `31.7% total` from a CPU lens. */
export const totalShare = (text) => Number(/([\d.]+)% total/.exec(text)?.[1]);
