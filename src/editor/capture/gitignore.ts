import * as vscode from 'vscode';
import { promises as fs } from 'fs';
import { join, relative, sep } from 'path';

// Captures are machine-specific and can be large. The first time one lands inside a git
// repository, offer (once per workspace) to add the capture folder to .gitignore; nothing is
// written unless the user agrees.

const OFFERED_KEY = 'hotspotLens.capture.gitignoreOffered';

async function exists(path: string): Promise<boolean> {
  return fs.access(path).then(
    () => true,
    () => false,
  );
}

/** `.hotspot-lens/` for the default folder, the folder itself for a custom one. */
export function ignoreEntry(folderPath: string, outputDir: string): string | undefined {
  const rel = relative(folderPath, outputDir);
  if (rel === '' || rel.startsWith('..') || rel.startsWith(sep) || /^[A-Za-z]:/.test(rel))
    return undefined;
  const parts = rel.split(sep);
  return parts[0] === '.hotspot-lens' ? '.hotspot-lens/' : `${parts.join('/')}/`;
}

function alreadyIgnored(gitignore: string, entry: string): boolean {
  const bare = entry.replace(/\/$/, '');
  return gitignore
    .split(/\r?\n/)
    .map((l) => l.trim().replace(/^\//, '').replace(/\/$/, ''))
    .some((l) => l === bare);
}

export async function offerGitignore(
  folder: vscode.WorkspaceFolder,
  outputDir: string,
  state: vscode.Memento,
  log: vscode.LogOutputChannel,
): Promise<void> {
  if (state.get<boolean>(OFFERED_KEY)) return;
  const root = folder.uri.fsPath;
  const entry = ignoreEntry(root, outputDir);
  if (!entry || !(await exists(join(root, '.git')))) return;
  const file = join(root, '.gitignore');
  const current = (await exists(file)) ? await fs.readFile(file, 'utf8') : '';
  if (alreadyIgnored(current, entry)) return;
  await state.update(OFFERED_KEY, true);
  const choice = await vscode.window.showInformationMessage(
    `Add ${entry} to .gitignore? Captures are large and specific to this machine.`,
    'Add to .gitignore',
    'Not Now',
  );
  if (choice !== 'Add to .gitignore') return;
  const separator = current === '' || current.endsWith('\n') ? '' : '\n';
  await fs.writeFile(file, `${current}${separator}${entry}\n`);
  log.info(`Added ${entry} to ${file}`);
}
