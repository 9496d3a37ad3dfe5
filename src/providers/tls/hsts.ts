import type { TLSSocket } from 'node:tls';
import { withFallback, type ConnectArgs } from './connect.js';
import type { HstsFact } from './types.js';

/** Largest response head we read: HSTS is a header, the body does not matter. */
const MAX_HEAD_BYTES = 64 * 1024;

/** `GET /` over TLS and the Strict-Transport-Security header of the answer (redirects are not followed: RFC 6797 §8.1 lets any HTTPS answer set it). */
export async function readHsts(args: ConnectArgs & { hostHeader: string }): Promise<HstsFact> {
  const { value, clientRefusal } = await withFallback(args, (socket) => getHead(socket, args.hostHeader, args.timeoutMs));
  const header = value.headers.get('strict-transport-security') ?? null;
  return { status: value.status, header, ...parseHsts(header), clientRefusal };
}

export interface ParsedHsts {
  maxAge: number | null;
  includeSubDomains: boolean;
  preload: boolean;
  /** Directive names (lower case) that appear more than once: RFC 6797 §6.1 allows each only once. */
  repeatedDirectives: string[];
}

/**
 * RFC 6797 §6.1: directives separated by `;`, names case-insensitive, max-age
 * value optionally quoted. The first max-age is kept; a repeated directive is
 * recorded, since a header that repeats one does not conform and browsers
 * ignore it (§8.1).
 */
export function parseHsts(header: string | null): ParsedHsts {
  const out: ParsedHsts = { maxAge: null, includeSubDomains: false, preload: false, repeatedDirectives: [] };
  if (header === null) return out;
  const seen = new Set<string>();
  for (const part of header.split(';')) {
    const [rawName = '', ...rest] = part.split('=');
    const name = rawName.trim().toLowerCase();
    if (!name) continue;
    if (seen.has(name) && !out.repeatedDirectives.includes(name)) out.repeatedDirectives.push(name);
    seen.add(name);
    const value = rest
      .join('=')
      .trim()
      .replace(/^"(.*)"$/, '$1');
    if (name === 'max-age' && /^\d+$/.test(value) && out.maxAge === null) out.maxAge = Number(value);
    else if (name === 'includesubdomains') out.includeSubDomains = true;
    else if (name === 'preload') out.preload = true;
  }
  return out;
}

interface Head {
  status: number;
  headers: Map<string, string>;
}

function getHead(socket: TLSSocket, host: string, timeoutMs: number): Promise<Head> {
  return new Promise((resolve, reject) => {
    let buffered = Buffer.alloc(0);
    const timer = setTimeout(() => finish(new Error(`no HTTP answer within ${timeoutMs} ms`)), timeoutMs);
    let done = false;
    const finish = (outcome: Error | Head) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (outcome instanceof Error) reject(outcome);
      else resolve(outcome);
    };
    socket.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      try {
        const head = finalHead(buffered);
        if (head) return finish(head);
      } catch (e) {
        return finish(e instanceof Error ? e : new Error(String(e)));
      }
      // a head cut at the limit could hide the header, or half of it: no verdict from it
      if (buffered.length > MAX_HEAD_BYTES)
        finish(new Error(`not an HTTP answer: no end of the response head within ${MAX_HEAD_BYTES} bytes`));
    });
    socket.once('end', () => finish(new Error('connection closed before an HTTP answer')));
    socket.once('error', (e: Error) => finish(e));
    socket.write(`GET / HTTP/1.1\r\nHost: ${host}\r\nUser-Agent: annexa\r\nAccept: */*\r\nConnection: close\r\n\r\n`);
  });
}

/**
 * The head of the final answer once it is all there: interim 1xx answers (103
 * Early Hints, RFC 8297) come first and are skipped (RFC 9110 §15.2), since
 * HSTS is judged on the answer to the request.
 */
function finalHead(buf: Buffer): Head | undefined {
  let at = 0;
  for (;;) {
    const end = buf.indexOf('\r\n\r\n', at);
    if (end < 0) return undefined;
    const head = parseHead(buf.subarray(at, end).toString('latin1'));
    if (head.status >= 200 || head.status === 101) return head;
    at = end + 4;
  }
}

function parseHead(text: string): Head {
  const lines = text.split('\r\n');
  const status = /^HTTP\/\d(?:\.\d)? (\d{3})/.exec(lines[0] ?? '');
  if (!status) throw new Error(`not an HTTP answer: ${JSON.stringify(lines[0]?.slice(0, 60) ?? '')}`);
  const headers = new Map<string, string>();
  // the field an obs-fold line continues, when it is one we keep
  let kept: string | null = null;
  for (const line of lines.slice(1)) {
    // RFC 9112 §5.2: a user agent replaces obs-fold with a space; dropped, it would cut the STS header short
    if (/^[ \t]/.test(line)) {
      if (kept !== null) headers.set(kept, `${headers.get(kept) ?? ''} ${line.trim()}`.trim());
      continue;
    }
    const colon = line.indexOf(':');
    kept = null;
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    // RFC 6797 §8.1: only the first STS header is processed.
    if (headers.has(name)) continue;
    headers.set(name, line.slice(colon + 1).trim());
    kept = name;
  }
  return { status: Number(status[1]), headers };
}
