import type { Profile, ProfileFormat } from '../model';
import type { ProfileSource } from '../source';

export interface ImportOptions {
  signal?: AbortSignal;
  /** Called now and then with the bytes consumed so far. */
  onProgress?: (bytesRead: number, totalBytes: number | undefined) => void;
}

/**
 * One profile format. `detect*` answer yes/no/not sure (inferno's `is_applicable`);
 * `importProfile` returns null for "not mine" and throws ImportError for "mine but broken".
 */
export interface Importer {
  readonly format: ProfileFormat;
  detectName(fileName: string): boolean | undefined;
  /** `head` is the first few KB; `headText` is it decoded by BOM. */
  detectContent(head: Uint8Array, headText: string): boolean | undefined;
  importProfile(source: ProfileSource, options: ImportOptions): Promise<Profile | null>;
}

export const SNIFF_BYTES = 64 * 1024;
