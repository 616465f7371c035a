import { promises as fs } from 'fs';
import { join } from 'path';
import type { CaptureTarget } from './args';
import type { CaptureTool } from './errors';

// Captures land in `<workspace>/.hotspot-lens/captures/` with a sortable, timestamped name that
// says which tool and target produced them, and an extension the importers recognise.

export const CAPTURE_DIR = join('.hotspot-lens', 'captures');

export function defaultCaptureDir(workspaceRoot: string): string {
  return join(workspaceRoot, CAPTURE_DIR);
}

function stamp(date: Date): string {
  // 2026-11-26T22-41-05 (UTC, no `:` so it is a valid Windows file name).
  return date.toISOString().slice(0, 19).replace(/:/g, '-');
}

const INTERPRETER = /^(python|pypy|node|ruby|perl|bash|sh)[\d.]*(\.exe)?$/i;

/** A short, file-name-safe label for the target: `pid-1234` or the command's base name. */
export function targetLabel(target: CaptureTarget): string {
  if (target.kind === 'pid') return `pid-${target.pid}`;
  const program = target.command.split(/[\\/]/).pop() ?? '';
  // For an interpreter the script says more than `python3` does.
  const script = INTERPRETER.test(program)
    ? (target.args.find((a) => !a.startsWith('-')) ?? program)
    : program;
  const base = script.split(/[\\/]/).pop() ?? 'command';
  return base.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 40) || 'command';
}

export function captureFileName(tool: CaptureTool, target: CaptureTarget, date: Date): string {
  const ext = tool === 'py-spy' ? 'speedscope.json' : 'perf.txt';
  return `${stamp(date)}-${tool}-${targetLabel(target)}.${ext}`;
}

/** Creates the folder and returns a path inside it that does not exist yet. */
export async function newCapturePath(
  dir: string,
  tool: CaptureTool,
  target: CaptureTarget,
  date = new Date(),
): Promise<string> {
  await fs.mkdir(dir, { recursive: true });
  const name = captureFileName(tool, target, date);
  for (let i = 1; ; i++) {
    const candidate = join(
      dir,
      i === 1 ? name : name.replace(/\.(speedscope\.json|perf\.txt)$/, `-${i}.$1`),
    );
    try {
      await fs.access(candidate);
    } catch {
      return candidate;
    }
  }
}

export async function removeQuietly(path: string): Promise<void> {
  await fs.rm(path, { force: true }).catch(() => undefined);
}

/** Size of a file, 0 when it does not exist. */
export async function fileSize(path: string): Promise<number> {
  try {
    return (await fs.stat(path)).size;
  } catch {
    return 0;
  }
}
