import { isAbsolute } from 'path';
import type { FromWebview } from '../../protocol';

const LEVELS = ['info', 'warn', 'error'] as const;

function frameIdOf(m: Record<string, unknown>, frameCount: number): number | undefined {
  const id = m.frameId;
  return typeof id === 'number' && Number.isInteger(id) && id >= 0 && id < frameCount
    ? id
    : undefined;
}

/**
 * Checks a message from the webview before anything uses it. The webview runs profile-supplied
 * strings through its UI, so it is treated like any untrusted peer: unknown types, extra shapes,
 * out-of-range frame ids and oversized log text are refused (undefined) rather than trusted.
 */
export function parseFromWebview(raw: unknown, frameCount: number): FromWebview | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const m = raw as Record<string, unknown>;
  switch (m.type) {
    case 'ready':
      return { type: 'ready' };
    case 'openSource':
    case 'select': {
      const frameId = frameIdOf(m, frameCount);
      return frameId === undefined ? undefined : { type: m.type, frameId };
    }
    case 'log': {
      const level = LEVELS.find((l) => l === m.level);
      if (!level || typeof m.message !== 'string') return undefined;
      return { type: 'log', level, message: m.message.slice(0, 2000) };
    }
    default:
      return undefined;
  }
}

// Which path a profile may make the extension open when it cannot be mapped into the workspace.

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
