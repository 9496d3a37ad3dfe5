import { quote, StartTlsFailed, StartTlsNotOffered, type Conversation } from './conversation.js';
import { readReply } from './smtp.js';

/** Most "120 ready in n minutes" replies waited through before the 220 greeting. */
const MAX_DELAYS = 3;

/**
 * RFC 4217 §4: after the 220 greeting, `AUTH TLS`; 234 is the go-ahead.
 * 431, 500, 502, 504 and 534 say the server will not (plaintext only).
 */
export async function ftp(talk: Conversation): Promise<string> {
  let greeting = await readReply(talk, 'FTP', true);
  for (let i = 0; greeting.code === 120 && i < MAX_DELAYS; i++) greeting = await readReply(talk, 'FTP', true);
  if (greeting.code !== 220) throw new StartTlsFailed(`FTP server refused service: ${greeting.code} ${quote(greeting.lines.join(' '))}`);
  talk.write('AUTH TLS\r\n');
  const go = await readReply(talk, 'FTP', true);
  const said = `${go.code} ${quote(go.lines.join(' '))}`;
  if (go.code !== 234) throw new StartTlsNotOffered(`FTP server refused AUTH TLS: ${said}`);
  return said;
}
