import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { PathMapping } from '../mapping/path-map';
import { UsageError, type CliCommand } from './command';

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * node:util parseArgs in strict mode, with its errors (unknown flag, missing value) turned into
 * UsageError so main.ts prints the usage and exits 2.
 */
export function parseCommandArgs<O extends Options>(args: string[], options: O) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) {
      throw new UsageError((err as Error).message);
    }
    throw err;
  }
}

type Parsed<O extends Options> = ReturnType<typeof parseCommandArgs<O>>;

/**
 * A subcommand whose arguments are parsed with `options` (which include `help`, -h): on --help it
 * prints `usage` and exits 0 without calling `run`.
 */
export function optionsCommand<O extends Options & { help: { type: 'boolean' } }>(spec: {
  summary: string;
  usage: string;
  options: O;
  run(parsed: Parsed<O>): Promise<number>;
}): CliCommand {
  return {
    summary: spec.summary,
    usage: spec.usage,
    async run(args) {
      const parsed = parseCommandArgs(args, spec.options);
      if ((parsed.values as { help?: boolean }).help) {
        process.stdout.write(`${spec.usage}\n`);
        return 0;
      }
      return spec.run(parsed);
    },
  };
}

export function parsePositiveInt(flag: string, text: string): number {
  if (!/^\d+$/.test(text)) throw new UsageError(`${flag} expects a whole number, got '${text}'`);
  return Number(text);
}

/** `--map FROM=TO`; split at the first `=` (paths rarely contain one, Windows drives never do). */
export function parseMapping(text: string): PathMapping {
  const eq = text.indexOf('=');
  if (eq <= 0) throw new UsageError(`--map expects FROM=TO, got '${text}'`);
  return { from: text.slice(0, eq), to: text.slice(eq + 1) };
}

export function oneOf<T extends string>(flag: string, text: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(text)) return text as T;
  throw new UsageError(`${flag} must be one of ${allowed.join(', ')}; got '${text}'`);
}
