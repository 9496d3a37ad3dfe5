import { quote, StartTlsFailed, StartTlsMalformed, StartTlsNotOffered, type Conversation } from './conversation.js';

/** Most lines in one reply: a greeting or an EHLO answer has a handful. */
const MAX_REPLY_LINES = 100;
/** The name the client gives in EHLO (RFC 5321 §4.1.1.1): a domain reserved never to resolve (RFC 2606). */
export const EHLO_NAME = 'annexa.invalid';

export interface Reply {
  code: number;
  /** The text of each line, after the code and separator. */
  lines: string[];
}

/**
 * One SMTP reply (RFC 5321 §4.2): `ddd-text` lines then a `ddd text` line,
 * all with the same code. FTP replies (RFC 959 §4.2) have the same shape,
 * except that lines between the first and the last need not start with the code.
 */
export async function readReply(talk: Conversation, protocol: string, loose = false): Promise<Reply> {
  const lines: string[] = [];
  let code: string | undefined;
  for (let i = 0; i < MAX_REPLY_LINES; i++) {
    const line = await talk.line();
    const m = /^(\d{3})([ -]|$)(.*)$/.exec(line);
    if (!m || (code !== undefined && m[1] !== code)) {
      if (loose && code !== undefined) continue;
      throw new StartTlsMalformed(`${protocol} server sent ${JSON.stringify(quote(line))} where a reply was expected`);
    }
    code ??= m[1];
    lines.push(m[3] ?? '');
    if (m[2] !== '-') return { code: Number(code), lines };
  }
  throw new StartTlsMalformed(`${protocol} server sent a reply of more than ${MAX_REPLY_LINES} lines`);
}

/**
 * RFC 3207: after the 220 greeting, EHLO; STARTTLS must be among the
 * extensions of the 250 answer; then STARTTLS, and 220 means go ahead.
 * A server that rejects EHLO (no ESMTP) has no extensions, so no STARTTLS.
 */
export async function smtp(talk: Conversation): Promise<string> {
  const greeting = await readReply(talk, 'SMTP');
  if (greeting.code !== 220) throw new StartTlsFailed(`SMTP server refused service: ${greeting.code} ${quote(greeting.lines.join(' '))}`);
  talk.write(`EHLO ${EHLO_NAME}\r\n`);
  const ehlo = await readReply(talk, 'SMTP');
  if (ehlo.code !== 250) throw new StartTlsNotOffered(`SMTP server rejected EHLO (${ehlo.code} ${quote(ehlo.lines.join(' '))}): no extensions, no STARTTLS`);
  const extensions = ehlo.lines.slice(1).map((l) => l.trim().split(/\s+/)[0]?.toUpperCase() ?? '');
  if (!extensions.includes('STARTTLS'))
    throw new StartTlsNotOffered(`SMTP server does not offer STARTTLS (EHLO extensions: ${quote(extensions.join(' ')) || 'none'})`);
  talk.write('STARTTLS\r\n');
  const go = await readReply(talk, 'SMTP');
  const said = `${go.code} ${quote(go.lines.join(' '))}`;
  // 454 is "TLS not available due to temporary reason" (RFC 3207 §4); whatever the code, the connection stays plaintext
  if (go.code !== 220) throw new StartTlsNotOffered(`SMTP server advertised STARTTLS but refused it: ${said}`);
  return said;
}
