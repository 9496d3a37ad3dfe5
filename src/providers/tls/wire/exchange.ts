import { connect } from 'node:net';

export interface Target {
  host: string;
  port: number;
  timeoutMs: number;
  signal?: AbortSignal;
}

/**
 * Reads a server's answer chunk by chunk and decides what it means. Kept
 * apart from the socket so that every odd answer can be tested on bytes alone.
 */
export interface Interpreter<T> {
  /** A decision once the bytes so far make one. */
  push(chunk: Buffer): T | undefined;
  /** The decision when the server closed (or reset) before one was made. */
  closed(how: 'closed' | 'reset'): T;
  /** The decision when the exchange itself failed (timeout, refused connection). */
  failed(reason: string): T;
}

/**
 * Opens one TCP connection, sends `hello`, and feeds the answer to `interpreter`
 * until it decides. The whole exchange (connect included) is bounded by
 * `timeoutMs`, and the socket is destroyed whatever happens.
 */
export function exchange<T>(target: Target, hello: Buffer, interpreter: Interpreter<T>): Promise<T> {
  return new Promise((resolve) => {
    if (target.signal?.aborted) return resolve(interpreter.failed('stopped: the fact’s time limit passed'));
    let connected = false;
    let settled = false;
    const socket = connect({ host: target.host, port: target.port });
    const onAbort = (): void => finish(interpreter.failed('stopped: the fact’s time limit passed'));
    const finish = (answer: T): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      target.signal?.removeEventListener('abort', onAbort);
      socket.destroy();
      resolve(answer);
    };
    const timer = setTimeout(() => {
      const stage = connected ? 'waiting for an answer' : 'connecting';
      finish(interpreter.failed(`timeout after ${target.timeoutMs} ms ${stage}`));
    }, target.timeoutMs);
    target.signal?.addEventListener('abort', onAbort, { once: true });
    socket.setNoDelay(true);
    socket.on('connect', () => {
      connected = true;
      socket.write(hello);
    });
    socket.on('data', (chunk: Buffer) => {
      if (settled) return;
      const answer = interpreter.push(chunk);
      if (answer) finish(answer);
    });
    socket.on('end', () => finish(interpreter.closed('closed')));
    socket.on('close', () => finish(interpreter.closed('closed')));
    socket.on('error', (err: NodeJS.ErrnoException) => {
      const reset = err.code === 'ECONNRESET' || err.code === 'EPIPE';
      if (connected && reset) finish(interpreter.closed('reset'));
      else finish(interpreter.failed(err.code ?? err.message));
    });
  });
}
