import type { ProfileFormat } from './model';

/**
 * "This file is mine, but it is broken": thrown by an importer that recognised its format.
 * Importers return `null` for "not mine" instead (speedscope's import/index.ts convention).
 */
export class ImportError extends Error {
  constructor(
    readonly format: ProfileFormat | 'unknown',
    readonly reason: string,
    readonly position?: { line?: number; offset?: number },
  ) {
    super(ImportError.describe(format, reason, position));
    this.name = 'ImportError';
  }

  private static describe(
    format: string,
    reason: string,
    position?: { line?: number; offset?: number },
  ): string {
    const where =
      position?.line !== undefined
        ? ` at line ${position.line}`
        : position?.offset !== undefined
          ? ` at byte ${position.offset}`
          : '';
    return `Cannot read ${format} profile${where}: ${reason}`;
  }
}

/** Thrown when an AbortSignal fires during an import. */
export class ImportCancelled extends Error {
  constructor() {
    super('Import cancelled');
    this.name = 'ImportCancelled';
  }
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new ImportCancelled();
}
