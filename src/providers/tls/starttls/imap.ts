import { quote, StartTlsFailed, StartTlsMalformed, StartTlsNotOffered, type Conversation } from './conversation.js';

/** Most untagged lines read while waiting for a tagged one. */
const MAX_UNTAGGED = 100;

/** The capability atoms of `CAPABILITY a b c` (in a response code or an untagged response), upper-cased. */
function capabilities(text: string): string[] | null {
  const m = /(?:^|\[)CAPABILITY ([^\]]*)/i.exec(text);
  return m ? (m[1] ?? '').trim().toUpperCase().split(/\s+/) : null;
}

/** Reads up to the tagged answer to `tag`, collecting capabilities from untagged lines on the way. */
async function tagged(talk: Conversation, tag: string, seen: string[]): Promise<{ status: string; text: string }> {
  for (let i = 0; i < MAX_UNTAGGED; i++) {
    const line = await talk.line();
    if (line.startsWith('* ')) {
      seen.push(...(capabilities(line.slice(2)) ?? []));
      if (/^\* BYE\b/i.test(line)) throw new StartTlsFailed(`IMAP server said goodbye: ${quote(line)}`);
      continue;
    }
    const m = new RegExp(`^${tag} (OK|NO|BAD)\\b ?(.*)$`, 'i').exec(line);
    if (!m) throw new StartTlsMalformed(`IMAP server sent ${JSON.stringify(quote(line))} where ${tag}'s answer was expected`);
    return { status: (m[1] ?? '').toUpperCase(), text: m[2] ?? '' };
  }
  throw new StartTlsMalformed(`IMAP server sent more than ${MAX_UNTAGGED} untagged lines before answering ${tag}`);
}

/**
 * RFC 3501 §6.2.1 / RFC 9051 §6.2.1: in the not-authenticated state, STARTTLS
 * must be among the capabilities (from the greeting's response code, else a
 * CAPABILITY command), and the tagged OK is the go-ahead. A PREAUTH greeting
 * skips that state, so no STARTTLS is possible.
 */
export async function imap(talk: Conversation): Promise<string> {
  const greeting = await talk.line();
  if (/^\* PREAUTH\b/i.test(greeting)) throw new StartTlsNotOffered(`IMAP server pre-authenticated the connection, so STARTTLS cannot follow: ${quote(greeting)}`);
  if (/^\* BYE\b/i.test(greeting)) throw new StartTlsFailed(`IMAP server refused service: ${quote(greeting)}`);
  if (!/^\* OK\b/i.test(greeting)) throw new StartTlsMalformed(`IMAP server greeted with ${JSON.stringify(quote(greeting))}`);
  let caps = capabilities(greeting);
  if (!caps) {
    caps = [];
    talk.write('a1 CAPABILITY\r\n');
    const answer = await tagged(talk, 'a1', caps);
    if (answer.status !== 'OK') throw new StartTlsMalformed(`IMAP server answered CAPABILITY with ${answer.status} ${quote(answer.text)}`);
  }
  if (!caps.includes('STARTTLS')) throw new StartTlsNotOffered(`IMAP server does not offer STARTTLS (capabilities: ${quote(caps.join(' ')) || 'none'})`);
  talk.write('a2 STARTTLS\r\n');
  const go = await tagged(talk, 'a2', []);
  const said = `${go.status} ${quote(go.text)}`.trim();
  if (go.status !== 'OK') throw new StartTlsNotOffered(`IMAP server advertised STARTTLS but refused it: ${said}`);
  return said;
}
