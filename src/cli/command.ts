// The shape of one `hotspot-lens` subcommand. main.ts holds the table of them; a subcommand
// parses its own arguments (args.ts helps) and returns the process exit code.

export interface CliCommand {
  /** One line for `hotspot-lens --help`. */
  readonly summary: string;
  /** Full usage text, printed by `hotspot-lens <command> --help` and after a usage error. */
  readonly usage: string;
  /** Runs with the arguments after the command name; resolves to the exit code. */
  run(args: string[]): Promise<number>;
}

/** Bad command line (unknown flag, missing argument, bad value): exit 2 with the usage text. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Input that cannot be used (missing file, unreadable profile): exit 1 with the message. */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}
