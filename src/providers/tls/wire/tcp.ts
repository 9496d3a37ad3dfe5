import { connect, type Socket } from 'node:net';
import type { OpenArgs } from './types.js';

/** An error on the way to a connection, with the code that says why (ECONNREFUSED, ETIMEDOUT …). */
export class OpenError extends Error {
  override name = 'OpenError';
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

/**
 * One TCP connection, resolved once connected: within `timeoutMs`, or
 * rejected with the socket's error code; destroyed when `signal` aborts first.
 */
export function openTcp(args: OpenArgs): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: args.host, port: args.port });
    socket.setNoDelay(true);
    const fail = (err: OpenError) => {
      cleanup();
      socket.destroy();
      reject(err);
    };
    const timer = setTimeout(() => fail(new OpenError(`timeout after ${args.timeoutMs} ms connecting`, 'ETIMEDOUT')), args.timeoutMs);
    const onAbort = () => fail(new OpenError('abandoned while connecting', 'ABORT_ERR'));
    const onError = (err: NodeJS.ErrnoException) => fail(new OpenError(err.message, err.code ?? 'ECONNRESET'));
    const cleanup = () => {
      clearTimeout(timer);
      args.signal?.removeEventListener('abort', onAbort);
      socket.off('error', onError);
    };
    if (args.signal?.aborted) return onAbort();
    args.signal?.addEventListener('abort', onAbort, { once: true });
    socket.once('error', onError);
    socket.once('connect', () => {
      cleanup();
      // later errors belong to whoever uses the socket; never let one go unhandled
      socket.on('error', () => {});
      resolve(socket);
    });
  });
}
