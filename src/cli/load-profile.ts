// Reads a profile file for a CLI command (summary, diff), turning every failure into an
// InputError (exit 1) whose message names the file.
import { ImportError } from '../core/errors';
import { importProfileFile } from '../core/import/index';
import type { Profile } from '../core/model';
import { InputError } from './command';

export async function loadProfile(file: string): Promise<Profile> {
  try {
    return await importProfileFile(file);
  } catch (err) {
    if (err instanceof ImportError) throw new InputError(`${file}: ${err.message}`);
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'ENOENT') throw new InputError(`${file}: no such file`);
    if (e.code === 'EACCES') throw new InputError(`${file}: permission denied`);
    if (e.code === 'EISDIR') throw new InputError(`${file}: is a directory`);
    throw new InputError(e.message.includes(file) ? e.message : `${file}: ${e.message}`);
  }
}
