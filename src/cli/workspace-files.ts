import { promises as fs } from 'fs';
import { join } from 'path';

/** Folders that never hold the sources a profile points at (build output, dependencies, VCS). */
const SKIPPED = new Set(['node_modules', 'out', 'dist', '__pycache__']);

/**
 * Files under `root`, relative and `/`-separated, for PathResolver. Dot-folders and symlinked
 * folders are skipped (a symlink cycle would never end).
 */
export async function listWorkspaceFiles(root: string): Promise<string[]> {
  const files: string[] = [];
  const pending: string[] = [''];
  while (pending.length > 0) {
    const rel = pending.pop()!;
    const entries = await fs.readdir(join(root, rel), { withFileTypes: true });
    for (const e of entries) {
      const path = rel === '' ? e.name : `${rel}/${e.name}`;
      if (e.isDirectory()) {
        if (!e.name.startsWith('.') && !SKIPPED.has(e.name)) pending.push(path);
      } else if (e.isFile()) {
        files.push(path);
      }
    }
  }
  return files.sort();
}
