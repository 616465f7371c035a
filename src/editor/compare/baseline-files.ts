// Earlier captures to offer as a baseline: the files of the capture folder, newest first. No
// 'vscode' here, so the listing is unit-tested on a real folder.
import { readdir, stat } from 'fs/promises';
import { join } from 'path';

export interface CaptureFile {
  readonly path: string;
  readonly name: string;
  readonly mtimeMs: number;
  readonly size: number;
}

/** Side files a capture run may leave next to the profile; never profiles themselves. */
const NOT_PROFILES = /\.(log|err|stderr|stdout|pid|tmp|part)$/i;

/** Regular, non-empty, non-hidden files of `dir`, newest first; [] when the folder is missing. */
export async function listCaptures(dir: string): Promise<CaptureFile[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const files: CaptureFile[] = [];
  for (const name of names) {
    if (name.startsWith('.') || NOT_PROFILES.test(name)) continue;
    const path = join(dir, name);
    try {
      const s = await stat(path);
      if (s.isFile() && s.size > 0) files.push({ path, name, mtimeMs: s.mtimeMs, size: s.size });
    } catch {
      // Removed while listing.
    }
  }
  return files.sort((a, b) => b.mtimeMs - a.mtimeMs || (a.name < b.name ? -1 : 1));
}

/** `3 min ago`, `2 h ago`, `4 days ago`: when a capture was taken, for the picker. */
export function ago(mtimeMs: number, now: number): string {
  const s = Math.max(0, Math.round((now - mtimeMs) / 1000));
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  if (s < 86400) return `${Math.round(s / 3600)} h ago`;
  const d = Math.round(s / 86400);
  return `${d} ${d === 1 ? 'day' : 'days'} ago`;
}
