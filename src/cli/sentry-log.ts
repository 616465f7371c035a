// The Sentry client's log for the CLI: stderr, quiet unless --verbose.
import type { SentryLog } from '../sentry/http';

export function stderrLog(verbose: boolean): SentryLog {
  const write = (m: string) => void process.stderr.write(`${m}\n`);
  const quiet = () => undefined;
  // Errors are thrown and printed once by main.ts; warnings (retries, waits, page cap) always show.
  return {
    debug: verbose ? write : quiet,
    info: verbose ? write : quiet,
    warn: write,
    error: quiet,
  };
}
