import type { Socket } from 'node:net';
import { openTcp } from '../wire/tcp.js';
import type { StartTlsFact } from '../types.js';
import type { Connector, OpenArgs } from '../wire/types.js';
import { Conversation, StartTlsNotOffered } from './conversation.js';
import { ftp } from './ftp.js';
import { imap } from './imap.js';
import { ldap } from './ldap.js';
import { mysql } from './mysql.js';
import { pop3 } from './pop3.js';
import { postgres } from './postgres.js';
import type { StartTlsProtocol } from './protocols.js';
import { smtp } from './smtp.js';

/**
 * STARTTLS: protocols that start in plaintext and upgrade the same connection
 * to TLS by their own negotiation. Each dialogue reads the server's answers
 * through a bounded Conversation and resolves with the server's go-ahead, or
 * throws StartTlsNotOffered (plaintext only), StartTlsFailed, StartTlsMalformed
 * or StartTlsTimeout.
 */

export type Dialogue = (talk: Conversation) => Promise<string>;

const DIALOGUES: Record<StartTlsProtocol, { name: string; dialogue: Dialogue }> = {
  smtp: { name: 'SMTP', dialogue: smtp },
  submission: { name: 'SMTP', dialogue: smtp },
  imap: { name: 'IMAP', dialogue: imap },
  pop3: { name: 'POP3', dialogue: pop3 },
  ftp: { name: 'FTP', dialogue: ftp },
  ldap: { name: 'LDAP', dialogue: ldap },
  postgres: { name: 'PostgreSQL', dialogue: postgres },
  mysql: { name: 'MySQL', dialogue: mysql },
};

/**
 * Opens a TCP connection and runs the dialogue on it, all within
 * `timeoutMs`: the socket it resolves with is upgraded-ready (paused, nothing
 * unread), and `said` has the server's go-ahead.
 */
export async function upgrade(protocol: StartTlsProtocol, args: OpenArgs): Promise<{ socket: Socket; said: string }> {
  const deadline = Date.now() + args.timeoutMs;
  const socket = await openTcp(args);
  const onAbort = () => socket.destroy();
  args.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const talk = new Conversation(socket, deadline, DIALOGUES[protocol].name);
    const said = await DIALOGUES[protocol].dialogue(talk);
    return { socket: talk.release(), said };
  } catch (err) {
    socket.destroy();
    throw err;
  } finally {
    args.signal?.removeEventListener('abort', onAbort);
  }
}

/** A connector for the TLS layers: every connection it opens is freshly upgraded. */
export function starttlsConnector(protocol: StartTlsProtocol): Connector {
  return async (args) => (await upgrade(protocol, args)).socket;
}

/** One negotiation on its own connection, closed before TLS: does the server upgrade at all? */
export async function negotiate(protocol: StartTlsProtocol, args: OpenArgs): Promise<StartTlsFact> {
  try {
    const { socket, said } = await upgrade(protocol, args);
    socket.destroy();
    return { protocol, offered: true, answer: said };
  } catch (err) {
    if (err instanceof StartTlsNotOffered) return { protocol, offered: false, answer: err.message };
    throw err;
  }
}

/** Throws the server's refusal when the negotiation fact says plaintext only. */
export async function assertUpgrades(fact: () => Promise<StartTlsFact>): Promise<void> {
  const s = await fact();
  if (!s.offered) throw new StartTlsNotOffered(s.answer);
}
