// Path spelling helpers for mapping capture-time paths (another machine, another OS, a container,
// a DWARF compile unit) onto workspace files. Profiles keep the original spelling for display;
// these functions only produce the keys used for matching (docs/formats.md §7, pitfalls 3 and 11).

/**
 * Pseudo files that no workspace can contain: Python's `<frozen importlib._bootstrap>` and
 * `<string>`, Node's `node:internal/...`, perf's `??`/`?` (unknown srcline) and `[kernel.kallsyms]`
 * style dso markers.
 */
export function isPseudoPath(path: string): boolean {
  const p = path.trim();
  if (p === '' || /^\?+$/.test(p)) return true;
  if (p.startsWith('<') && p.endsWith('>')) return true;
  if (p.startsWith('[') && p.endsWith(']')) return true;
  return p.startsWith('node:');
}

/** True for `C:\x`, `c:/x` and UNC `\\server\share`: matched case-insensitively, as Windows does. */
export function isWindowsPath(path: string): boolean {
  return /^[A-Za-z]:[\\/]/.test(path) || path.startsWith('\\\\') || path.includes('\\');
}

/**
 * `/`-separated form: backslashes turned into slashes, `file://` and duplicate slashes removed,
 * `./` segments dropped and the drive letter lower-cased. `..` segments are kept; suffix matching
 * stops at them.
 */
export function normalizePath(path: string): string {
  let p = path.trim().replace(/\\/g, '/');
  if (p.startsWith('file://')) p = safeDecode(p.slice('file://'.length));
  if (/^\/[A-Za-z]:\//.test(p)) p = p.slice(1);
  p = p.replace(/^([A-Za-z]):/, (_m, d: string) => `${d.toLowerCase()}:`);
  const absolute = p.startsWith('/');
  const parts = p.split('/').filter((s) => s !== '' && s !== '.');
  const joined = parts.join('/');
  return absolute ? `/${joined}` : joined;
}

export function isAbsolutePath(normalized: string): boolean {
  return normalized.startsWith('/') || /^[a-z]:\//.test(normalized);
}

/** Path components, without the drive letter. */
export function pathComponents(normalized: string): string[] {
  return normalized
    .replace(/^[a-z]:/, '')
    .split('/')
    .filter((s) => s !== '');
}

export function baseName(normalized: string): string {
  const i = normalized.lastIndexOf('/');
  return i < 0 ? normalized : normalized.slice(i + 1);
}

/**
 * `path` relative to `root` when it lies under it (both normalized), else undefined. Roots that
 * came from Windows are compared case-insensitively.
 */
export function relativeTo(path: string, root: string, foldCase: boolean): string | undefined {
  const r = root.endsWith('/') ? root.slice(0, -1) : root;
  const a = foldCase ? path.toLowerCase() : path;
  const b = foldCase ? r.toLowerCase() : r;
  if (b === '' || !a.startsWith(`${b}/`)) return undefined;
  return path.slice(r.length + 1);
}

/**
 * Applies a `{from, to}` prefix rewrite on component boundaries; `${workspaceFolder}` in `to`
 * stands for the workspace root. Returns undefined when `from` is not a prefix of `path`.
 */
export function rewritePrefix(
  path: string,
  from: string,
  to: string,
  workspaceRoot: string | undefined,
): string | undefined {
  const f = normalizePath(from);
  if (f === '' || f === '/') return undefined;
  const fold = isWindowsPath(from) || /^[a-z]:\//.test(f);
  const p = fold ? path.toLowerCase() : path;
  const ff = fold ? f.toLowerCase() : f;
  let rest: string;
  if (p === ff) rest = '';
  else if (p.startsWith(`${ff}/`)) rest = path.slice(ff.length + 1);
  else return undefined;
  const target = normalizePath(to.split('${workspaceFolder}').join(workspaceRoot ?? ''));
  if (rest === '') return target;
  if (target === '') return rest;
  return normalizePath(`${target}/${rest}`);
}

function safeDecode(uriPath: string): string {
  try {
    return decodeURIComponent(uriPath);
  } catch {
    return uriPath;
  }
}

/**
 * How many trailing components a suffix match must cover (unless it covers the whole workspace
 * path). A relative path (py-spy raw `json/__init__.py`, DWARF `../sysdeps/x.S`) is all meaning:
 * all of it must match. So is the package part of a library path (`…/python3.11/json/__init__.py`,
 * `…/site-packages/requests/api.py`, `/usr/local/go/src/runtime/proc.go`), or every stdlib
 * `__init__.py` would land on the one in the workspace. Any other absolute path is a build or
 * container directory whose prefix means nothing here: one component is enough.
 */
export function requiredSuffix(parts: readonly string[], absolute: boolean): number {
  const meaningful = parts.filter((p) => p !== '..').length;
  if (!absolute) return meaningful;
  for (let i = parts.length - 2; i >= 0; i--) {
    if (isLibraryDir(parts, i)) return parts.length - 1 - i;
  }
  return 1;
}

function isLibraryDir(parts: readonly string[], i: number): boolean {
  const p = parts[i].toLowerCase();
  const next = parts[i + 1]?.toLowerCase();
  const prev = parts[i - 1]?.toLowerCase();
  if (/^(?:site-packages|dist-packages|node_modules|\.cargo|\.rustup|rustc)$/.test(p)) return true;
  if (/^python-?\d+(?:\.\d+)*$/.test(p)) return true; // lib/python3.11, /usr/src/Python-3.11.7
  if (/^go(?:-?\d+(?:\.\d+)*)?$/.test(p) && next === 'src') return true; // GOROOT
  if (p === 'mod' && prev === 'pkg') return true; // Go module cache
  return p === 'include' && prev === 'usr';
}
