import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'fs';
import { join, relative } from 'path';
import { Command, registerCommandTable, type CommandName } from '../../src/editor/command-table';

// The command table (src/editor/command-table.ts) is the one list of command ids the code uses;
// package.json's `contributes` is the list VS Code shows. These hold the two together, so a
// command cannot be contributed without a handler, registered without being contributed, or
// referenced by a menu or walkthrough that names no command.

const ROOT = join(__dirname, '..', '..', '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  contributes: {
    commands: { command: string; title: string }[];
    menus: Record<string, { command?: string }[]>;
    walkthroughs?: { steps: { completionEvents?: string[]; description?: string }[] }[];
  };
};
const tableIds = Object.values(Command) as string[];
const contributed = pkg.contributes.commands.map((c) => c.command);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('command table', () => {
  it('lists each contributed command once, and nothing else', () => {
    assert.equal(new Set(tableIds).size, tableIds.length, 'an id appears twice in the table');
    assert.equal(new Set(contributed).size, contributed.length, 'package.json repeats a command');
    assert.deepEqual([...tableIds].sort(), [...contributed].sort());
  });

  it('gives every contributed command a title', () => {
    for (const c of pkg.contributes.commands)
      assert.ok(c.title.trim(), `${c.command} has no title`);
  });

  it('knows every command a menu or walkthrough refers to', () => {
    const referenced = Object.values(pkg.contributes.menus)
      .flat()
      .flatMap((m) => (m.command ? [m.command] : []));
    for (const w of pkg.contributes.walkthroughs ?? []) {
      for (const step of w.steps) {
        const text = [...(step.completionEvents ?? []), step.description ?? ''].join(' ');
        for (const m of text.matchAll(/(?:command:|onCommand:)(hotspotLens\.[\w.]+)/g)) {
          referenced.push(m[1]);
        }
      }
    }
    assert.ok(referenced.length > 10, `only ${referenced.length} menu references found`);
    for (const id of referenced) assert.ok(tableIds.includes(id), `${id} is not in the table`);
  });

  it('is the only place in src/ that spells a command id', () => {
    const offenders: string[] = [];
    for (const file of sourceFiles(join(ROOT, 'src'))) {
      if (file.endsWith(join('editor', 'command-table.ts'))) continue;
      const text = readFileSync(file, 'utf8');
      for (const id of tableIds) {
        if (text.includes(`'${id}'`) || text.includes(`"${id}"`) || text.includes(`\`${id}\``)) {
          offenders.push(`${relative(ROOT, file)}: ${id}`);
        }
      }
    }
    assert.deepEqual(offenders, [], 'use Command.<name> from src/editor/command-table.ts');
  });

  it('registers every id, and a command without a handler answers through `unavailable`', () => {
    const registered = new Map<string, (...args: unknown[]) => unknown>();
    const commands = {
      registerCommand: (id: string, handler: (...args: unknown[]) => unknown) => {
        assert.ok(!registered.has(id), `${id} registered twice`);
        registered.set(id, handler);
        return { dispose: () => registered.delete(id) };
      },
    };
    const missing: CommandName[] = [];
    const disposables = registerCommandTable(
      commands as never,
      { showLog: () => 'log shown' },
      (name) => missing.push(name),
    );
    assert.deepEqual([...registered.keys()].sort(), [...tableIds].sort());
    assert.equal(registered.get(Command.showLog)!(), 'log shown');
    registered.get(Command.sentryRefresh)!();
    assert.deepEqual(missing, ['sentryRefresh']);
    for (const d of disposables) d.dispose();
    assert.equal(registered.size, 0);
  });
});
