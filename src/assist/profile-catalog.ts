// The profiles the tools can answer about: the ones the host loaded (the editor's ProfileStore,
// the MCP server's --profile files) and any file a tool call names, each loaded and attributed
// once and kept while its file is unchanged (size and mtime).
import { promises as fs } from 'fs';
import type { Attribution } from '../core/attribution';
import { ImportError } from '../core/errors';
import { importProfileFile } from '../core/import/on-demand';
import type { Profile } from '../core/model';
import { LoadedProfile } from './loaded-profile';
import { ToolError } from './types';
import type { Workspace } from './workspace';

interface Entry {
  readonly stamp: string;
  readonly loaded: Promise<LoadedProfile>;
}

export class ProfileCatalog {
  private readonly entries = new Map<string, Entry>();
  /** The profile a call without a `profile` argument is about. */
  current: string | undefined;
  /** The profile `compare` uses as its base when the call names none. */
  baseline: string | undefined;

  constructor(private readonly workspace: Workspace) {}

  /** Registers a profile the host already holds (no re-import; the editor's loaded profile). */
  put(
    path: string,
    profile: Profile,
    valueIndex?: number,
    attribution?: Attribution,
  ): LoadedProfile {
    const loaded = new LoadedProfile(path, profile, this.workspace, valueIndex, attribution);
    this.entries.set(path, { stamp: 'held', loaded: Promise.resolve(loaded) });
    return loaded;
  }

  forget(path: string): void {
    this.entries.delete(path);
  }

  /**
   * A profile file chosen by the user (command line): loaded now, so a broken file fails at
   * start-up rather than in the first tool call. Not limited to the root.
   */
  async preload(absPath: string): Promise<LoadedProfile> {
    return this.load(absPath, absPath);
  }

  /** The profile a tool call means: its `profile` argument (under the root) or the current one. */
  async get(arg: string | undefined, what = 'profile'): Promise<LoadedProfile> {
    if (arg !== undefined) return this.load(this.workspace.inside(arg, what), arg);
    if (this.current === undefined)
      throw new ToolError(
        `no profile is loaded; pass '${what}' (a profile file under ${this.workspace.root}), ` +
          'or open one first (Hotspot Lens: Open Profile…, or hotspot-lens mcp --profile FILE)',
      );
    return this.load(this.current, this.current);
  }

  /** The baseline the host picked (editor: Compare With Baseline…; MCP: --baseline). */
  async loadBaseline(): Promise<LoadedProfile | undefined> {
    return this.baseline === undefined ? undefined : this.load(this.baseline, this.baseline);
  }

  private async load(abs: string, shown: string): Promise<LoadedProfile> {
    const held = this.entries.get(abs);
    if (held?.stamp === 'held') return held.loaded;
    let stamp: string;
    try {
      const st = await fs.stat(abs);
      if (st.isDirectory()) throw new ToolError(`${shown}: is a directory, not a profile file`);
      stamp = `${st.size}:${st.mtimeMs}`;
    } catch (err) {
      if (err instanceof ToolError) throw err;
      const code = (err as NodeJS.ErrnoException).code;
      throw new ToolError(
        code === 'ENOENT'
          ? `${shown}: no such file under ${this.workspace.root}`
          : `${shown}: cannot read (${code ?? (err as Error).message})`,
      );
    }
    if (held?.stamp === stamp) return held.loaded;
    const loaded = importProfileFile(abs).then(
      (profile) => new LoadedProfile(abs, profile, this.workspace),
      (err: unknown) => {
        this.entries.delete(abs);
        if (err instanceof ImportError) throw new ToolError(`${shown}: ${err.message}`);
        throw new ToolError(`${shown}: ${(err as Error).message}`);
      },
    );
    this.entries.set(abs, { stamp, loaded });
    return loaded;
  }
}
