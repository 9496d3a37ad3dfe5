import { createRequire } from 'node:module';
import pino, { type Logger } from 'pino';
import type pretty from 'pino-pretty';
import type { Secrets } from '../core/secrets.js';
import type { CliIO } from './io.js';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * Paths pino censors in every log line, whatever a provider logs: tokens,
 * keys and passwords never reach a log.
 */
export const REDACT = [
  'token',
  '*.token',
  'password',
  '*.password',
  'secret',
  '*.secret',
  'secretAccessKey',
  '*.secretAccessKey',
  '*.credentials',
  'credentials',
  'sessionToken',
  '*.sessionToken',
  'authorization',
  '*.authorization',
  '*.headers.authorization',
  '*.*.headers.authorization',
  'privateKey',
  '*.privateKey',
];

/** Logs go to stderr: JSON when it is not a terminal (for schedulers), readable lines when it is. */
export function createLogger(io: CliIO, level?: string, secrets?: Secrets): Logger {
  const tty = Boolean(io.stderr.isTTY);
  const options = {
    level: level ?? (tty ? 'warn' : 'info'),
    redact: { paths: REDACT, censor: '[redacted]' },
    base: { name: 'annexa' },
    // Whatever path a secret value took into a line (an error message, a URL), it leaves as [redacted].
    ...(secrets ? { hooks: { streamWrite: (line: string) => secrets.redact(line) } } : {}),
  };
  if (tty) {
    // loaded only for a terminal: a scheduled or CI scan writes JSON and never pays for the pretty-printer
    const prettyStream = createRequire(import.meta.url)('pino-pretty') as typeof pretty;
    return pino(options, prettyStream({ destination: io.stderr, sync: true, colorize: io.env.NO_COLOR === undefined }));
  }
  return pino(options, io.stderr);
}
