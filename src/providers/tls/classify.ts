import { FactError } from '../../core/facts.js';
import { EndpointUnreachable, HandshakeFailed } from './connect.js';
import { StartTlsMalformed } from './starttls/conversation.js';

const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNRESET', 'EADDRNOTAVAIL']);

/** What a TLS fetcher threw, as a typed fact error: an endpoint that is not there is never a pass. */
export function classifyTlsError(err: unknown): FactError {
  if (err instanceof FactError) return err;
  const e = err as NodeJS.ErrnoException;
  const message = e instanceof Error ? e.message : String(err);
  const code = e?.code;
  if (code === 'ETIMEDOUT') return new FactError({ kind: 'timeout', message, code });
  if (err instanceof EndpointUnreachable || (code && UNREACHABLE_CODES.has(code))) {
    return new FactError({ kind: 'unreachable', message, ...(code ? { code } : {}) });
  }
  if (err instanceof StartTlsMalformed) return new FactError({ kind: 'malformed', message, code: err.code });
  if (err instanceof HandshakeFailed)
    return new FactError({ kind: 'other', message: `handshake failed: ${message}`, ...(code ? { code } : {}) });
  if (e instanceof Error && /not an HTTP answer|closed before an HTTP answer/.test(message))
    return new FactError({ kind: 'malformed', message });
  return new FactError({ kind: 'other', message, ...(code ? { code } : {}) });
}
