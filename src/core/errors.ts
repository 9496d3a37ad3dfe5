/**
 * The scan could not run as asked (bad flags, bad config, unreadable file,
 * no credentials): exit code 2, one clear line, no stack trace.
 */
export class UsageError extends Error {
  override name = 'UsageError';
  readonly exitCode = 2;
}
