import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import type { Endpoint } from './types.js';

/**
 * Resolves the host once, so that every handshake of one enumeration reaches
 * the same address: behind round-robin DNS, elimination across different
 * backends would mix their answers. SNI keeps the name. An unresolvable
 * host gives the resolver's code (ENOTFOUND, EAI_AGAIN) or a timeout.
 * IPv4 addresses are preferred.
 */
export async function pinAddress<T extends Endpoint>(o: T): Promise<{ endpoint: T } | { error: string }> {
  if (isIP(o.host)) return { endpoint: o };
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(Object.assign(new Error('timeout'), { code: `timeout after ${o.timeoutMs} ms resolving ${o.host}` })),
      o.timeoutMs,
    );
  });
  try {
    const addresses = await Promise.race([lookup(o.host, { all: true }), timeout]);
    // IPv4 first, as testssl.sh does by default: "localhost" may list ::1 where a server listens on 127.0.0.1 only
    const chosen = addresses.find((a) => a.family === 4) ?? addresses[0];
    if (!chosen) return { error: `no address for ${o.host}` };
    return { endpoint: { ...o, host: chosen.address, servername: o.servername ?? o.host } };
  } catch (err) {
    return { error: (err as NodeJS.ErrnoException).code ?? (err as Error).message };
  } finally {
    clearTimeout(timer);
  }
}
