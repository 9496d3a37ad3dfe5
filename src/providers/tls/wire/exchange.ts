import type { Socket } from 'node:net';
import { openTcp } from './tcp.js';
import type { Connector } from './types.js';

export interface Target {
  host: string;
  port: number;
  timeoutMs: number;
  /** How the connection is opened (a STARTTLS upgrade); default plain TCP. */
  connect?: Connector;
  /** Aborted when the fact's time is up: the exchange ends at once. */
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

/** Why a connector is told to stop opening: the exchange already has its answer (or ran out of time). */
const GIVEN_UP = new Error('the exchange ended before its connection opened');

/**
 * Opens one connection, sends `hello`, and feeds the answer to `interpreter`
 * until it decides. The whole exchange (connect and any STARTTLS upgrade
 * included) is bounded by `timeoutMs`, and the socket is destroyed whatever happens.
 */
export function exchange<T>(target: Target, hello: Buffer, interpreter: Interpreter<T>): Promise<T> {
  return new Promise((resolve) => {
    let socket: Socket | undefined;
    let settled = false;
    const abandon = new AbortController();
    const finish = (answer: T): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      target.signal?.removeEventListener('abort', stop);
      // only a connection still being opened needs telling; an abort without a reason costs a DOMException
      if (!socket) abandon.abort(GIVEN_UP);
      socket?.destroy();
      resolve(answer);
    };
    const timer = setTimeout(() => {
      const stage = socket ? 'waiting for an answer' : target.connect ? 'before the STARTTLS upgrade completed' : 'connecting';
      finish(interpreter.failed(`timeout after ${target.timeoutMs} ms ${stage}`));
    }, target.timeoutMs);
    const stop = (): void => finish(interpreter.failed('stopped: the fact’s time limit passed'));
    if (target.signal?.aborted) return stop();
    target.signal?.addEventListener('abort', stop, { once: true });
    const open = target.connect ?? openTcp;
    open({ host: target.host, port: target.port, timeoutMs: target.timeoutMs, signal: abandon.signal }).then(
      (s) => {
        if (settled) return void s.destroy();
        socket = s;
        talk(s);
      },
      (err: NodeJS.ErrnoException) => finish(interpreter.failed(reasonOf(err, Boolean(target.connect)))),
    );
    const talk = (s: Socket) => {
      s.on('data', (chunk: Buffer) => {
        if (settled) return;
        const answer = interpreter.push(chunk);
        if (answer) finish(answer);
      });
      s.on('end', () => finish(interpreter.closed('closed')));
      s.on('close', () => finish(interpreter.closed('closed')));
      s.on('error', (err: NodeJS.ErrnoException) => {
        const reset = err.code === 'ECONNRESET' || err.code === 'EPIPE';
        finish(reset ? interpreter.closed('reset') : interpreter.failed(err.code ?? err.message));
      });
      // a STARTTLS connector hands the socket over paused, with nothing unread
      s.resume();
      s.write(hello);
    };
  });
}

/** The code alone for a plain connection (ECONNREFUSED), else what happened, with the code when the message lacks it. */
function reasonOf(err: NodeJS.ErrnoException, upgrade: boolean): string {
  if (err.code === 'ETIMEDOUT') return err.message;
  if (!upgrade && err.code) return err.code;
  return err.code && !err.message.includes(err.code) ? `${err.code}: ${err.message}` : err.message;
}
