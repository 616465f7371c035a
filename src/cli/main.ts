// Entry of the `hotspot-lens` command-line tool (bundled to dist/cli.js by scripts/build.mjs).
// Subcommands live in a table: adding one is one import and one line below.
import { version } from '../../package.json';
import { InputError, UsageError, type CliCommand } from './command';
import { diffCommand } from './diff-command';
import { mcpCommand } from './mcp-command';
import { recordCommand } from './record-command';
import { sentryCommand } from './sentry-command';
import { summaryCommand } from './summary-command';

const commands: Record<string, CliCommand> = {
  summary: summaryCommand,
  record: recordCommand,
  sentry: sentryCommand,
  diff: diffCommand,
  mcp: mcpCommand,
};

function usage(): string {
  const width = Math.max(...Object.keys(commands).map((c) => c.length));
  const list = Object.entries(commands)
    .map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`)
    .join('\n');
  return `Usage: hotspot-lens <command> [options]

Commands:
${list}

Options:
  -h, --help     show this help (or \`hotspot-lens <command> --help\`)
  -V, --version  print the version`;
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${usage()}\n`);
    return 0;
  }
  if (name === '--version' || name === '-V') {
    process.stdout.write(`${version}\n`);
    return 0;
  }
  const command = name === undefined ? undefined : commands[name];
  if (!command) {
    const what = name === undefined ? 'missing command' : `unknown command '${name}'`;
    process.stderr.write(`hotspot-lens: ${what}\n\n${usage()}\n`);
    return 2;
  }
  try {
    return await command.run(rest);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`hotspot-lens ${name}: ${err.message}\n\n${command.usage}\n`);
      return 2;
    }
    if (err instanceof InputError) {
      process.stderr.write(`hotspot-lens ${name}: ${err.message}\n`);
      return 1;
    }
    const e = err as Error;
    process.stderr.write(`hotspot-lens ${name}: ${e.stack ?? e.message}\n`);
    return 1;
  }
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
