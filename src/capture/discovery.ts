import { constants, promises as fs } from 'fs';
import { delimiter, dirname, join } from 'path';
import { notFoundError, type CaptureTool } from './errors';

// Where py-spy and perf come from, in the order the issue fixes: an explicit path setting (when
// set it must be right; no fallback), then (py-spy only) the folder of the selected Python
// interpreter — a venv's `bin/`, conda's `bin/`, pyenv's `versions/X/bin/`, or `Scripts\` on
// Windows, where `pip install py-spy` puts it — then PATH. The caller logs `source` so users can
// see which binary ran.

export type ToolSource = 'setting' | 'interpreter' | 'PATH';

export interface FoundTool {
  readonly tool: CaptureTool;
  readonly path: string;
  readonly source: ToolSource;
}

export interface FindToolOptions {
  /** hotspotLens.pySpy.path / hotspotLens.perf.path; empty means unset. */
  readonly explicitPath?: string;
  /** The active Python interpreter (py-spy only). */
  readonly pythonPath?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly platform?: NodeJS.Platform;
}

async function isExecutable(path: string, platform: NodeJS.Platform): Promise<boolean> {
  try {
    const stat = await fs.stat(path);
    if (!stat.isFile()) return false;
    if (platform !== 'win32') await fs.access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function executableNames(name: string, platform: NodeJS.Platform): string[] {
  return platform === 'win32' && !/\.exe$/i.test(name) ? [`${name}.exe`, name] : [name];
}

/** Folders next to an interpreter where pip puts console scripts. */
function interpreterDirs(pythonPath: string, platform: NodeJS.Platform): string[] {
  const dir = dirname(pythonPath);
  // A Windows venv has python.exe in Scripts\, a base install in the root with Scripts\ below.
  return platform === 'win32' ? [dir, join(dir, 'Scripts')] : [dir];
}

/** Finds a capture tool or throws a CaptureError of kind 'not-found' listing where it looked. */
export async function findTool(
  tool: CaptureTool,
  options: FindToolOptions = {},
): Promise<FoundTool> {
  const platform = options.platform ?? process.platform;
  const env = options.env ?? process.env;
  const tried: string[] = [];
  const setting = options.explicitPath?.trim() ?? '';
  // A bare name (the settings default to `py-spy` / `perf`) is looked up, not taken as a path.
  const isPath = /[\\/]/.test(setting);
  const names =
    setting !== '' && !isPath
      ? executableNames(setting, platform)
      : executableNames(tool, platform);
  if (isPath) {
    if (await isExecutable(setting, platform)) return { tool, path: setting, source: 'setting' };
    // A path the user set on purpose is not silently replaced by another binary.
    throw notFoundError(tool, [
      `${setting} (hotspotLens.${tool === 'py-spy' ? 'pySpy' : 'perf'}.path)`,
    ]);
  }
  if (tool === 'py-spy' && options.pythonPath) {
    for (const dir of interpreterDirs(options.pythonPath, platform)) {
      for (const name of names) {
        const candidate = join(dir, name);
        if (await isExecutable(candidate, platform)) {
          return { tool, path: candidate, source: 'interpreter' };
        }
      }
      tried.push(dir);
    }
  }
  const pathVar = env.PATH ?? env.Path ?? '';
  for (const dir of pathVar.split(delimiter).filter((d) => d !== '')) {
    for (const name of names) {
      const candidate = join(dir, name);
      if (await isExecutable(candidate, platform)) return { tool, path: candidate, source: 'PATH' };
    }
  }
  tried.push('PATH');
  throw notFoundError(tool, tried);
}
