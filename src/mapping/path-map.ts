import {
  baseName,
  isAbsolutePath,
  isPseudoPath,
  isWindowsPath,
  normalizePath,
  pathComponents,
  relativeTo,
  requiredSuffix,
  rewritePrefix,
} from './path-normalize';

/** A prefix rewrite (`hotspotLens.pathMappings`); `${workspaceFolder}` is allowed in `to`. */
export interface PathMapping {
  from: string;
  to: string;
}

export type Resolution =
  | { kind: 'mapped'; path: string; via: 'mapping' | 'exact' | 'suffix' }
  | { kind: 'ambiguous'; candidates: string[] }
  | { kind: 'unmapped'; reason: 'pseudo' | 'not-found' };

const PSEUDO: Resolution = { kind: 'unmapped', reason: 'pseudo' };
const NOT_FOUND: Resolution = { kind: 'unmapped', reason: 'not-found' };

/**
 * Maps capture-time paths to workspace-relative files (docs/DESIGN.md "Path mapping"): explicit
 * mappings, then an exact match, then the longest unique component-wise suffix match. It never
 * guesses between equally long candidates; it reports them so a mapping can settle the tie.
 */
export class PathResolver {
  private readonly files = new Set<string>();
  /** Lower-cased base name → workspace files, so a suffix match only looks at a handful. */
  private readonly byBase = new Map<string, string[]>();
  private readonly cache = new Map<string, Resolution>();
  private readonly mappings: readonly PathMapping[];
  private readonly root: string | undefined;
  private readonly rootFold: boolean;

  constructor(
    workspaceFiles: Iterable<string>,
    mappings: readonly PathMapping[] = [],
    workspaceRoot?: string,
  ) {
    this.mappings = mappings;
    this.root = workspaceRoot === undefined ? undefined : normalizePath(workspaceRoot);
    this.rootFold = workspaceRoot !== undefined && isWindowsPath(workspaceRoot);
    for (const f of workspaceFiles) this.insert(f);
  }

  addFile(relPath: string): void {
    this.insert(relPath);
    this.cache.clear();
  }

  removeFile(relPath: string): void {
    const p = normalizePath(relPath);
    if (!this.files.delete(p)) return;
    const key = baseName(p).toLowerCase();
    const list = this.byBase.get(key)?.filter((f) => f !== p) ?? [];
    if (list.length > 0) this.byBase.set(key, list);
    else this.byBase.delete(key);
    this.cache.clear();
  }

  resolve(profilePath: string): Resolution {
    let r = this.cache.get(profilePath);
    if (r === undefined) {
      r = this.compute(profilePath);
      this.cache.set(profilePath, r);
    }
    return r;
  }

  private insert(relPath: string): void {
    const p = normalizePath(relPath);
    if (p === '' || this.files.has(p)) return;
    this.files.add(p);
    const key = baseName(p).toLowerCase();
    const list = this.byBase.get(key);
    if (list) list.push(p);
    else this.byBase.set(key, [p]);
  }

  private compute(profilePath: string): Resolution {
    if (isPseudoPath(profilePath)) return PSEUDO;
    const path = normalizePath(profilePath);
    const fold = isWindowsPath(profilePath);
    for (const m of this.mappings) {
      const rewritten = rewritePrefix(path, m.from, m.to, this.root);
      const hit = rewritten === undefined ? undefined : this.existing(rewritten, fold);
      if (hit !== undefined) return { kind: 'mapped', path: hit, via: 'mapping' };
    }
    const exact = this.existing(path, fold);
    if (exact !== undefined) return { kind: 'mapped', path: exact, via: 'exact' };
    return this.suffixMatch(path, fold);
  }

  /** The workspace file `path` names exactly (relative, or absolute under the root). */
  private existing(path: string, fold: boolean): string | undefined {
    let rel: string | undefined = path;
    if (isAbsolutePath(path)) {
      rel =
        this.root === undefined ? undefined : relativeTo(path, this.root, fold || this.rootFold);
    }
    if (rel === undefined) return undefined;
    if (this.files.has(rel)) return rel;
    if (!fold) return undefined;
    const lower = rel.toLowerCase();
    return this.byBase.get(baseName(lower))?.find((f) => f.toLowerCase() === lower);
  }

  private suffixMatch(path: string, fold: boolean): Resolution {
    const parts = pathComponents(path);
    const base = parts[parts.length - 1];
    if (base === undefined || base === '..') return NOT_FOUND;
    const candidates = this.byBase.get(base.toLowerCase());
    if (!candidates) return NOT_FOUND;
    const needed = requiredSuffix(parts, isAbsolutePath(path));
    let best = 0;
    let winners: string[] = [];
    for (const file of candidates) {
      const own = file.split('/');
      const n = commonSuffix(parts, own, fold);
      if (n === 0 || n < best || (n < needed && n < own.length)) continue;
      if (n > best) {
        best = n;
        winners = [];
      }
      winners.push(file);
    }
    if (winners.length === 1) return { kind: 'mapped', path: winners[0], via: 'suffix' };
    if (winners.length > 1) return { kind: 'ambiguous', candidates: winners.sort() };
    return NOT_FOUND;
  }
}

/** Number of equal trailing components; `..` never matches (DWARF `../sysdeps/x.S`). */
function commonSuffix(a: readonly string[], b: readonly string[], fold: boolean): number {
  let n = 0;
  while (n < a.length && n < b.length) {
    const x = a[a.length - 1 - n];
    const y = b[b.length - 1 - n];
    if (x === '..' || (fold ? x.toLowerCase() !== y.toLowerCase() : x !== y)) break;
    n++;
  }
  return n;
}
