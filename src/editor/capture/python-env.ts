import * as vscode from 'vscode';

// The interpreter selected in the Python extension (ms-python.python), through its public
// `environments` API: used to launch "Profile Python Command" with the right Python and to find
// a py-spy installed into that environment. Without the extension, callers fall back to PATH.

interface EnvironmentPath {
  readonly id: string;
  readonly path: string;
}

interface PythonExtensionApi {
  readonly environments?: {
    getActiveEnvironmentPath(resource?: vscode.Uri): EnvironmentPath;
    resolveEnvironment(
      env: EnvironmentPath | string,
    ): Promise<{ readonly executable: { readonly uri?: vscode.Uri } } | undefined>;
  };
}

export async function activePythonPath(
  folder: vscode.WorkspaceFolder | undefined,
  log: vscode.LogOutputChannel,
): Promise<string | undefined> {
  const extension = vscode.extensions.getExtension<PythonExtensionApi>('ms-python.python');
  if (!extension) return undefined;
  try {
    const api = extension.isActive ? extension.exports : await extension.activate();
    const environments = api?.environments;
    if (!environments) return undefined;
    const active = environments.getActiveEnvironmentPath(folder?.uri);
    // The path can be an environment folder (conda); the resolved executable is the interpreter.
    const resolved = await environments.resolveEnvironment(active);
    const path = resolved?.executable.uri?.fsPath ?? active.path;
    log.info(`Active Python interpreter (Python extension): ${path}`);
    return path;
  } catch (err) {
    log.warn(`Could not ask the Python extension for the active interpreter: ${err}`);
    return undefined;
  }
}

const PYTHON_WORD = /^(python[\d.]*|py)(\.exe)?$/i;

/**
 * `python app.py` runs with the active interpreter; so does a bare `app.py`. Anything else
 * (`gunicorn app:app`, `./run.sh`) runs as typed.
 */
export function withInterpreter(args: readonly string[], python: string | undefined): string[] {
  if (args.length === 0 || !python) return [...args];
  if (PYTHON_WORD.test(args[0])) return [python, ...args.slice(1)];
  if (/\.py$/i.test(args[0])) return [python, ...args];
  return [...args];
}
