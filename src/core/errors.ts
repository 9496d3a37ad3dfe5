/** Exit codes: the contract cron and CI rely on (README, "Exit codes"). */
export const EXIT = { ok: 0, gateFailed: 1, usage: 2 } as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/**
 * Ends the command with `exitCode`, as changesets' CLI does: commands throw
 * it instead of calling process.exit, and the CLI's entry turns it into the
 * process's exit code. An empty message means the command already said why.
 */
export class ExitError extends Error {
  override name = 'ExitError';
  constructor(
    readonly exitCode: Exclude<ExitCode, 0>,
    message = '',
  ) {
    super(message);
  }
}

/**
 * The scan could not run as asked (bad flags, bad config, unreadable file,
 * no credentials): exit code 2, one clear line, no stack trace.
 */
export class UsageError extends ExitError {
  override name = 'UsageError';
  constructor(message: string) {
    super(EXIT.usage, message);
  }
}
