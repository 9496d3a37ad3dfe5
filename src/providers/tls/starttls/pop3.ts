import { quote, StartTlsFailed, StartTlsMalformed, StartTlsNotOffered, type Conversation } from './conversation.js';

/** Most lines of a CAPA answer. */
const MAX_CAPA_LINES = 100;

async function status(talk: Conversation): Promise<{ ok: boolean; text: string }> {
  const line = await talk.line();
  const m = /^(\+OK|-ERR)\b ?(.*)$/i.exec(line);
  if (!m) throw new StartTlsMalformed(`POP3 server sent ${JSON.stringify(quote(line))} where +OK or -ERR was expected`);
  return { ok: (m[1] ?? '').toUpperCase() === '+OK', text: m[2] ?? '' };
}

/**
 * RFC 2595 §4 with RFC 2449: CAPA lists STLS when the server offers it; STLS
 * answered +OK is the go-ahead. A server without CAPA (-ERR) may still know
 * STLS, so it is asked; its -ERR then means plaintext only.
 */
export async function pop3(talk: Conversation): Promise<string> {
  const greeting = await status(talk);
  if (!greeting.ok) throw new StartTlsFailed(`POP3 server refused service: -ERR ${quote(greeting.text)}`);
  talk.write('CAPA\r\n');
  const capa = await status(talk);
  if (capa.ok) {
    const caps: string[] = [];
    for (let i = 0; ; i++) {
      if (i >= MAX_CAPA_LINES) throw new StartTlsMalformed(`POP3 server sent more than ${MAX_CAPA_LINES} CAPA lines`);
      const line = await talk.line();
      if (line === '.') break;
      caps.push((line.split(/\s+/)[0] ?? '').toUpperCase());
    }
    if (!caps.includes('STLS')) throw new StartTlsNotOffered(`POP3 server does not offer STLS (CAPA: ${quote(caps.join(' ')) || 'none'})`);
  }
  talk.write('STLS\r\n');
  const go = await status(talk);
  const said = `${go.ok ? '+OK' : '-ERR'} ${quote(go.text)}`.trim();
  if (!go.ok) throw new StartTlsNotOffered(`POP3 server refused STLS: ${said}`);
  return said;
}
