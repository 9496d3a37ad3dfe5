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
  status: number | null;
  headers: Map<string, string>;
}

function getHead(socket: TLSSocket, host: string, timeoutMs: number): Promise<Head> {
  return new Promise((resolve, reject) => {
    let buffered = Buffer.alloc(0);
    const timer = setTimeout(() => finish(new Error(`no HTTP answer within ${timeoutMs} ms`)), timeoutMs);
    let done = false;
    const finish = (err: Error | null) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (err && buffered.indexOf('\r\n\r\n') < 0) return reject(err);
      try {
        resolve(parseHead(buffered));
      } catch (e) {
        reject(e instanceof Error ? e : new Error(String(e)));
      }
    };
    socket.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      if (buffered.indexOf('\r\n\r\n') >= 0 || buffered.length > MAX_HEAD_BYTES) finish(null);
    });
    socket.once('end', () => finish(new Error('connection closed before an HTTP answer')));
    socket.once('error', (e: Error) => finish(e));
    socket.write(`GET / HTTP/1.1\r\nHost: ${host}\r\nUser-Agent: annexa\r\nAccept: */*\r\nConnection: close\r\n\r\n`);
  });
}

function parseHead(buf: Buffer): Head {
  const text = buf.toString('latin1');
  const lines = text.slice(0, text.indexOf('\r\n\r\n') >= 0 ? text.indexOf('\r\n\r\n') : undefined).split('\r\n');
  const status = /^HTTP\/\d(?:\.\d)? (\d{3})/.exec(lines[0] ?? '');
  if (!status) throw new Error(`not an HTTP answer: ${JSON.stringify(lines[0]?.slice(0, 60) ?? '')}`);
  const headers = new Map<string, string>();
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    // RFC 6797 §8.1: only the first STS header is processed.
    if (!headers.has(name)) headers.set(name, line.slice(colon + 1).trim());
  }
  return { status: Number(status[1]), headers };
}
