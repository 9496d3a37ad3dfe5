import { connect } from 'node:net';
import type { AnswerInterpreter } from './answer.js';
import type { ProbeAnswer } from './types.js';

export interface Target {
  host: string;
  port: number;
  timeoutMs: number;
}

/**
 * Opens one TCP connection, sends `hello`, and feeds the answer to `interpreter`
 * until it decides. The whole exchange (connect included) is bounded by
 * `timeoutMs`, and the socket is destroyed whatever happens.
 */
export function exchange(target: Target, hello: Buffer, interpreter: AnswerInterpreter): Promise<ProbeAnswer> {
  return new Promise((resolve) => {
    let connected = false;
    let settled = false;
    const socket = connect({ host: target.host, port: target.port });
    const finish = (answer: ProbeAnswer): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(answer);
    };
    const timer = setTimeout(() => {
      const stage = connected ? 'waiting for an answer' : 'connecting';
      finish({ kind: 'error', reason: `timeout after ${target.timeoutMs} ms ${stage}` });
    }, target.timeoutMs);
    socket.setNoDelay(true);
    socket.on('connect', () => {
      connected = true;
      socket.write(hello);
    });
    socket.on('data', (chunk: Buffer) => {
      const answer = interpreter.push(chunk);
      if (answer) finish(answer);
    });
    socket.on('end', () => finish(interpreter.closed('closed')));
    socket.on('close', () => finish(interpreter.closed('closed')));
    socket.on('error', (err: NodeJS.ErrnoException) => {
      const reset = err.code === 'ECONNRESET' || err.code === 'EPIPE';
      if (connected && reset) finish(interpreter.closed('reset'));
      else finish({ kind: 'error', reason: err.code ?? err.message });
    });
  });
}
