import type { Frame } from '../../model';

/**
 * One frame of py-spy's raw output (docs/formats.md §1.2), as py-spy's `write_raw` prints it:
 * `func (file:line)`, `func (file)` (no line, or line 0), `func`, or the root pseudo-frames
 * `process PID:"cmdline"` (--subprocesses) and `thread (TID): NAME` / `thread (TID)` (--threads).
 * With --native, C frames look the same but the parenthesised part is a shared object when
 * there is no source file (`SHA256_Update (libcrypto.so.3)`, `0x7f0d… (libc.so.6)`).
 */
export interface PySpyFrame extends Frame {
  /** For pseudo-frames: the process id or thread id. */
  readonly id?: number;
}

const PROCESS = /^process (\d+):"(.*)"$/s;
const THREAD = /^thread \(((?:0x)?[0-9a-fA-F]+)\)(?:: (.*))?$/s;
const SOURCE_FILE = /\.(py|pyw|pyx|c|h|cc|cpp|cxx|hpp|hh|rs|go)$/i;

export function parsePySpyFrame(text: string): PySpyFrame {
  if (text.startsWith('process ')) {
    const m = PROCESS.exec(text);
    if (m) return { name: text, kind: 'process', id: Number(m[1]) };
  } else if (text.startsWith('thread (')) {
    const m = THREAD.exec(text);
    if (m) return { name: text, kind: 'thread', id: Number(m[1]) };
  }
  const open = text.endsWith(')') ? text.lastIndexOf(' (') : -1;
  if (open < 0) return { name: text, kind: 'native' };
  const name = text.slice(0, open);
  const inner = text.slice(open + 2, text.length - 1);
  // Split at the LAST colon, and only if digits follow: `C:\x\y.py:12` (Windows drive letters),
  // `<frozen importlib._bootstrap>:1176`.
  const colon = inner.lastIndexOf(':');
  let file = inner;
  let line: number | undefined;
  if (colon > 0 && colon < inner.length - 1 && /^\d+$/.test(inner.slice(colon + 1))) {
    file = inner.slice(0, colon);
    line = Number(inner.slice(colon + 1)) || undefined;
  }
  if (isPythonFile(file)) return { name, file, line, kind: 'python' };
  if (line === undefined && !SOURCE_FILE.test(file)) return { name, module: file, kind: 'native' };
  return { name, file, line, kind: 'native' };
}

/** `.py` files and the interpreter's pseudo-files (`<frozen importlib._bootstrap>`, `<string>`). */
function isPythonFile(file: string): boolean {
  return /\.pyw?$/i.test(file) || (file.startsWith('<') && file.endsWith('>'));
}

/** True when a frame text has py-spy's `name (file:line)` / `name (file)` shape or is a pseudo-frame. */
export function looksLikePySpyFrame(text: string): boolean {
  return /^(.+) \((.+?)(:\d+)?\)$/s.test(text) || PROCESS.test(text) || THREAD.test(text);
}
