// Finds references to documents that a clone of the repository cannot follow: a `*.md` path (in a
// comment, a README, a script) that names no file of the repository, any other `docs/…` path
// that is not there, a `§3.1` / "section 3.1" that no numbered heading of that file carries, a
// `"Title"` after a path that no heading contains, and relative markdown links (with their
// #anchors) that go nowhere. Used by test/unit/doc-references.test.ts over `git ls-files`, and by
// its own tests over temp files.
import { readFileSync } from 'fs';
import { dirname, join, normalize, posix } from 'path';

export interface BadReference {
  /** Repository-relative file the reference is in. */
  readonly file: string;
  /** 1-based line. */
  readonly line: number;
  readonly text: string;
  readonly reason: string;
}

/** Files whose text is checked; fixtures are data (profile paths may end in `.md`) except READMEs. */
export function isCheckedFile(file: string): boolean {
  if (file.endsWith('.md')) return true;
  if (file.startsWith('test/fixtures/') || file === 'package-lock.json') return false;
  if (file.endsWith('/package-lock.json')) return false;
  return /\.(ts|js|mjs|cjs|sh|py|json|ya?ml|css|html)$/.test(file) || /^\.ci\/[^.]+$/.test(file);
}

const URL_RE = /\b[a-z][a-z0-9+.-]*:\/\/[^\s)>\]'"`]*/gi;
const SECTION = String.raw`\d+(?:\.\d+)*`;
// A path ending in .md, not glued to a longer word or path on its left.
const PATH_RE = new RegExp(
  String.raw`(?<![\w./@-])((?:\.{1,2}/)*(?:[\w@.-]+/)*[\w.-]+\.md)(?![\w-])` +
    // optional section: `§3.1`, `§3-4`, `section 4`, `sections 2 and 7`, `, 2.3 and 2.6`
    String.raw`(?:(\x60?,?\s*)(§\s*${SECTION}(?:\s*[-–]\s*${SECTION})?|sections?\s+${SECTION}(?:\s*(?:,|and)\s*${SECTION})*))?` +
    // optional quoted heading title after a space or a comma: `"Path mapping"`, `, "Endpoints"`
    String.raw`(?:(?:\s+|\s*,\s*)"([^"\n]{1,80})")?`,
  'g',
);
// Any other path into a `docs/` folder (a script, a folder): `docs/vscode-e2e/probe.mjs`.
const DOCS_PATH_RE = /(?<![\w./@-])(docs\/[\w.-]*\w(?:\/[\w.-]*\w)*)(?![\w/-])/g;
const BARE_SECTION_RE = new RegExp(String.raw`§\s*(${SECTION})`, 'g');
const LINK_RE = /\[[^\]\n]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g;

interface Doc {
  readonly numbers: Set<string>;
  readonly titles: string[];
  readonly slugs: Set<string>;
}

/** Heading numbers (`## 3.1 Sample header` → "3.1"), titles and GitHub anchors of a markdown file. */
export function headingsOf(markdown: string): Doc {
  const numbers = new Set<string>();
  const titles: string[] = [];
  const slugs = new Set<string>();
  let fenced = false;
  for (const line of markdown.split(/\r?\n/)) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    if (fenced) continue;
    const m = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!m) continue;
    const title = m[1];
    titles.push(title);
    const num = new RegExp(String.raw`^§?\s*(${SECTION})\.?(?:\s|$)`).exec(title);
    if (num) numbers.add(num[1]);
    slugs.add(githubSlug(title));
  }
  return { numbers, titles, slugs };
}

/** The anchor GitHub gives a heading: lower case, punctuation dropped, spaces to dashes. */
export function githubSlug(title: string): string {
  return title
    .replace(/`/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** Blanks out URLs (keeping offsets), so `https://…/README.md` is not read as a repository path. */
function withoutUrls(text: string): string {
  return text.replace(URL_RE, (u) => ' '.repeat(u.length));
}

/** Blanks out the `(target)` of markdown links, keeping offsets. */
function withoutLinkTargets(text: string): string {
  return text.replace(
    /(\]\()([^)\s]+)/g,
    (_m, open: string, target: string) => open + ' '.repeat(target.length),
  );
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

function sectionsIn(spec: string): string[] {
  return [...spec.matchAll(new RegExp(SECTION, 'g'))].map((m) => m[0]);
}

/**
 * Checks every reference in `files` (repository-relative, `/`-separated) under `root`. A path
 * resolves against the repository root or, failing that, the referring file's folder (`./`
 * and `../` paths only against the folder); it must be one of `files`. `skip` files are not read
 * (they may still be referred to).
 */
export function checkDocReferences(
  root: string,
  files: readonly string[],
  skip: readonly string[] = [],
): BadReference[] {
  const known = new Set(files);
  const docs = new Map<string, Doc>();
  const docOf = (file: string): Doc => {
    let doc = docs.get(file);
    if (!doc) {
      doc = headingsOf(readFileSync(join(root, file), 'utf8'));
      docs.set(file, doc);
    }
    return doc;
  };
  const resolve = (from: string, target: string): string | undefined => {
    const inFolder = posix.normalize(posix.join(posix.dirname(from), target));
    if (/^\.{1,2}\//.test(target)) return known.has(inFolder) ? inFolder : undefined;
    const atRoot = posix.normalize(target);
    if (known.has(atRoot)) return atRoot;
    return known.has(inFolder) ? inFolder : undefined;
  };

  const bad: BadReference[] = [];
  for (const file of files) {
    if (!isCheckedFile(file) || skip.includes(file)) continue;
    const raw = readFileSync(join(root, normalize(file)), 'utf8');
    // Markdown link targets are checked as links below, not again as paths.
    const text = withoutUrls(file.endsWith('.md') ? withoutLinkTargets(raw) : raw);
    const report = (index: number, what: string, reason: string) =>
      bad.push({ file, line: lineAt(text, index), text: what, reason });
    const consumed: [number, number][] = [];

    for (const m of text.matchAll(PATH_RE)) {
      const [whole, target, , section, title] = m;
      const at = m.index ?? 0;
      consumed.push([at, at + whole.length]);
      const found = resolve(file, target);
      if (!found) {
        report(at, whole, `${target} is not a file of the repository`);
        continue;
      }
      const doc = docOf(found);
      for (const s of section ? sectionsIn(section) : [])
        if (!doc.numbers.has(s)) report(at, whole, `${found} has no section ${s}`);
      if (title && !doc.titles.some((t) => t.toLowerCase().includes(title.toLowerCase())))
        report(at, whole, `${found} has no heading "${title}"`);
    }

    for (const m of text.matchAll(DOCS_PATH_RE)) {
      const target = m[1];
      if (target.endsWith('.md')) continue;
      const inFolder = posix.normalize(posix.join(posix.dirname(file), target));
      const exists = (p: string) =>
        known.has(p) || files.some((f) => f.startsWith(p.replace(/\/$/, '') + '/'));
      if (!exists(target) && !exists(inFolder))
        report(m.index ?? 0, target, `${target} is not in the repository`);
    }

    if (!file.endsWith('.md')) continue;
    const own = docOf(file);
    for (const m of text.matchAll(BARE_SECTION_RE)) {
      const at = m.index ?? 0;
      if (consumed.some(([a, b]) => at >= a && at < b)) continue;
      if (!own.numbers.has(m[1])) report(at, m[0], `${file} has no section ${m[1]}`);
    }
    for (const m of raw.matchAll(LINK_RE)) {
      const target = m[1].replace(/^<|>$/g, '');
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue;
      const at = m.index ?? 0;
      const [path, anchor] = target.split('#', 2);
      const found = path === '' ? file : resolveLink(root, file, path, known);
      if (!found) {
        report(at, m[0], `the link goes to ${path}, which is not in the repository`);
        continue;
      }
      if (anchor && found.endsWith('.md') && !docOf(found).slugs.has(anchor.toLowerCase()))
        report(at, m[0], `${found} has no heading with the anchor #${anchor}`);
    }
  }
  return bad;
}

/** A markdown link is relative to its file; it may name a folder (any file under it counts). */
function resolveLink(
  _root: string,
  from: string,
  target: string,
  known: Set<string>,
): string | undefined {
  const path = target.startsWith('/')
    ? posix.normalize(target.slice(1))
    : posix.normalize(posix.join(dirname(from).split('\\').join('/'), decodeURI(target)));
  if (known.has(path)) return path;
  const folder = path.replace(/\/$/, '') + '/';
  for (const f of known) if (f.startsWith(folder)) return path;
  return undefined;
}
