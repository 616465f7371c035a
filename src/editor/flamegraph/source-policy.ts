import { isAbsolute } from 'path';

// Which path a profile may make the extension open when it cannot be mapped into the workspace.
// No vscode import, so the rule is unit-tested in Node (test/unit/webview-messages.test.ts).

/** A URI scheme such as `file:`, `javascript:` or `vscode:`. */
const SCHEME = /^[a-z][a-z0-9+.-]+:/i;
const DRIVE = /^[a-z]:[\\/]/i;

/**
 * True when `file`, as the profile recorded it, is a plain absolute path of this platform that
 * may be opened (the caller still checks that it is an existing regular file). Refused: relative
 * paths (they mean nothing outside a mapping), URIs of any scheme, `..` segments (a profiler
 * writes resolved paths; a traversal means a crafted profile), NUL and other control characters.
 */
export function isRecordedSourcePath(file: string): boolean {
  // eslint-disable-next-line no-control-regex
  if (file.length === 0 || file.length > 4096 || /[\u0000-\u001f]/.test(file)) return false;
  if (SCHEME.test(file) && !DRIVE.test(file)) return false;
  if (!isAbsolute(file)) return false;
  return !file.split(/[\\/]/).includes('..');
}
