// The workspace root the tools answer for: paths in tool arguments must stay under it, profile
// paths are shown relative to it, and def lines come from scanning its source files.
import { promises as fs, realpathSync } from 'fs';
import { isAbsolute, relative, resolve, sep } from 'path';
import { matchFunction } from '../mapping/function-match';
import { languageOf, scanFunctions, type FunctionRange } from '../mapping/functions';
import { PathResolver, type PathMapping } from '../mapping/path-map';
import { ToolError } from './types';

export class Workspace {
  readonly root: string;
  readonly resolver: PathResolver;
  private readonly realRoot: string;
  private readonly ranges = new Map<string, Promise<FunctionRange[]>>();

  constructor(root: string, files: Iterable<string>, mappings: readonly PathMapping[] = []) {
    this.root = resolve(root);
    this.realRoot = safeRealpath(this.root);
    this.resolver = new PathResolver(files, mappings, this.root);
  }

  /**
   * An absolute path for a path argument (relative to the root, or absolute), refused when it
   * leaves the root, also through a symlink: a model must not read files the user did not open.
   */
  inside(arg: string, what = 'path'): string {
    const abs = resolve(this.root, arg);
    const outside = (p: string, root: string) => {
      const rel = relative(root, p);
      return rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel);
    };
    if (outside(abs, this.root) || outside(safeRealpath(abs), this.realRoot))
      throw new ToolError(
        `${what} '${arg}' is outside the workspace root ${this.root}; pass a path under it`,
      );
    return abs;
  }

  /** `/`-separated path relative to the root, or the absolute path when it lies outside. */
  display(abs: string): string {
    const rel = relative(this.root, abs);
    return rel.startsWith('..') || isAbsolute(rel) ? abs : rel.split(sep).join('/');
  }

  /** The workspace file a profile or Sentry path resolves to, or null (unmapped, ambiguous). */
  fileOf(recorded: string | undefined): string | null {
    if (recorded === undefined || recorded === '') return null;
    const r = this.resolver.resolve(recorded);
    return r.kind === 'mapped' ? r.path : null;
  }

  /** Function ranges of a workspace file (scanned once; [] when unreadable or no scanner). */
  functionRanges(rel: string): Promise<FunctionRange[]> {
    let p = this.ranges.get(rel);
    if (!p) {
      const language = languageOf(rel);
      p = language
        ? fs
            .readFile(resolve(this.root, rel), 'utf8')
            .then((text) => scanFunctions(text, language))
            .catch(() => [])
        : Promise.resolve([]);
      this.ranges.set(rel, p);
    }
    return p;
  }

  /** The scanned function a profiled name and its hot lines fall in, if one matches. */
  async functionAt(
    rel: string,
    name: string,
    lines: readonly number[],
  ): Promise<FunctionRange | undefined> {
    return matchFunction(await this.functionRanges(rel), name, lines);
  }
}

function safeRealpath(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
}
