import type { Socket } from 'node:net';

/**
 * The plaintext part of a STARTTLS connection: bounded reads of an untrusted
 * server's lines and bytes, each waiting at most until the negotiation's
 * deadline, and the hand-over of the socket to TLS with nothing left unread.
 */

/** The server said, in its own protocol, that it will not upgrade this connection (plaintext only). */
export class StartTlsNotOffered extends Error {
  override name = 'StartTlsNotOffered';
  readonly code = 'ESTARTTLS';
}

/** The server's plaintext answer broke its protocol (or our bounds): reached, but no verdict. */
export class StartTlsMalformed extends Error {
  override name = 'StartTlsMalformed';
  readonly code = 'EPROTO';
}

/** The server was reached but would not talk (refused service, greeted with an error): no verdict about TLS. */
export class StartTlsFailed extends Error {
  override name = 'StartTlsFailed';
  readonly code = 'ESTARTTLSFAILED';
}

/** The server did not answer a step in time (it was reached). */
export class StartTlsTimeout extends Error {
  override name = 'StartTlsTimeout';
  readonly code = 'ETIMEDOUT';
}

/** Longest line read (SMTP allows 512 octets per reply line, RFC 5321 §4.5.3.1.5; IMAP capability lists run longer). */
export const MAX_LINE = 8192;
/** Most bytes read before the upgrade, whatever the protocol. */
export const MAX_PLAINTEXT = 64 * 1024;

/** A server's words fit for a message: printable ASCII, at most 200 characters. */
export function quote(text: string): string {
  const clean = text.replace(/[^\x20-\x7e]/g, '?');
  return clean.length > 200 ? `${clean.slice(0, 200)}…` : clean;
}

export class Conversation {
  private buffered = Buffer.alloc(0);
  private total = 0;
  private closed: Error | null = null;
  private wake: (() => void) | null = null;

  constructor(
    private readonly socket: Socket,
    private readonly deadline: number,
    /** Names the protocol in messages: "SMTP server closed …". */
    private readonly protocol: string,
  ) {
    socket.on('data', this.onData);
    socket.on('end', this.onEnd);
    socket.on('error', this.onError);
  }

  private readonly onData = (chunk: Buffer) => {
    this.total += chunk.length;
    this.buffered = Buffer.concat([this.buffered, chunk]);
    if (this.total > MAX_PLAINTEXT) this.closed ??= new StartTlsMalformed(`${this.protocol} server sent more than ${MAX_PLAINTEXT} bytes before TLS`);
    this.wake?.();
  };
  private readonly onEnd = () => {
    this.closed ??= new StartTlsMalformed(`${this.protocol} server closed the connection before TLS`);
    this.wake?.();
  };
  private readonly onError = (err: NodeJS.ErrnoException) => {
    this.closed ??= new StartTlsMalformed(`${this.protocol} connection failed before TLS: ${err.code ?? err.message}`);
    this.wake?.();
  };

  write(data: string | Buffer): void {
    this.socket.write(data);
  }

  /** Waits until `take` can cut something off the buffer; `what` names it in a timeout. */
  private async read<T>(what: string, take: () => T | undefined): Promise<T> {
    for (;;) {
      const got = take();
      if (got !== undefined) return got;
      if (this.closed) throw this.closed;
      const left = this.deadline - Date.now();
      if (left <= 0) throw new StartTlsTimeout(`${this.protocol} server sent no ${what} in time`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = null;
    }
  }

  /** One line, without its CRLF (a bare LF is accepted); longer than MAX_LINE is malformed. */
  line(): Promise<string> {
    return this.read('line', () => {
      const end = this.buffered.indexOf(0x0a);
      const limit = end < 0 ? this.buffered.length : end;
      if (limit > MAX_LINE) throw new StartTlsMalformed(`${this.protocol} server sent a line longer than ${MAX_LINE} bytes`);
      if (end < 0) return undefined;
      const text = this.buffered.subarray(0, end).toString('latin1').replace(/\r$/, '');
      this.buffered = this.buffered.subarray(end + 1);
      return text;
    });
  }

  /** Exactly `n` bytes. */
  bytes(n: number): Promise<Buffer> {
    if (n > MAX_PLAINTEXT) return Promise.reject(new StartTlsMalformed(`${this.protocol} server announced ${n} bytes, more than ${MAX_PLAINTEXT}`));
    return this.read(`${n}-byte answer`, () => {
      if (this.buffered.length < n) return undefined;
      const out = this.buffered.subarray(0, n);
      this.buffered = this.buffered.subarray(n);
      return out;
    });
  }

  /**
   * Ends the plaintext part: the socket, paused and free of our listeners, for
   * TLS. Bytes the server sent after its go-ahead would be taken as the start
   * of TLS; no honest server sends any, so they are refused (response injection, CVE-2011-0411).
   * A server side passes `keep`: a client's hello may follow its last plaintext
   * message at once (MySQL's SSLRequest has no answer), and goes back to the socket for TLS to read.
   */
  release(unread: 'refuse' | 'keep' = 'refuse'): Socket {
    this.socket.off('data', this.onData);
    this.socket.off('end', this.onEnd);
    this.socket.off('error', this.onError);
    this.socket.pause();
    if (this.closed) throw this.closed;
    if (unread === 'keep' && this.buffered.length) this.socket.unshift(this.buffered);
    else if (this.buffered.length)
      throw new StartTlsMalformed(`${this.protocol} server sent ${this.buffered.length} bytes after agreeing to TLS, before the client's hello`);
    return this.socket;
  }
}
