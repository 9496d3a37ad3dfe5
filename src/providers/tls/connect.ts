import type { Socket } from 'node:net';
import tls, { type ConnectionOptions, type TLSSocket } from 'node:tls';
import type { ClientRefusal } from './types.js';
import { gated, type ConnectionGate } from './wire/gate.js';
import { OpenError } from './wire/tcp.js';
import type { Connector } from './wire/types.js';

/**
 * node:tls connections with a time limit, and the line between "the endpoint
 * is not there" (thrown as EndpointUnreachable) and "the handshake did not
 * complete" (a HandshakeFailed: reachable, but node and the server did not agree).
 */

export class EndpointUnreachable extends Error {
  override name = 'EndpointUnreachable';
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

export class HandshakeFailed extends Error {
  override name = 'HandshakeFailed';
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

/**
 * Options that let node's client complete handshakes its defaults refuse
 * (TLS 1.0/1.1, SHA-1 signatures, small keys). Used only to read what the
 * server presents after a default handshake was refused on the client side.
 */
export const PERMISSIVE: ConnectionOptions = {
  minVersion: 'TLSv1',
  ciphers: 'ALL:@SECLEVEL=0',
};

export interface ConnectArgs {
  host: string;
  port: number;
  servername?: string;
  ca?: readonly string[];
  timeoutMs: number;
  extra?: ConnectionOptions;
  /** Opens the connection the handshake runs over (a STARTTLS upgrade); default TCP to host:port. */
  connect?: Connector;
  /** Aborted when the fact's time is up. */
  signal?: AbortSignal;
  /** Bounds the connections open at once to this endpoint (`tls.probeConcurrency`); held until the socket is done. */
  gate?: ConnectionGate;
}

/** A connection the server ended before any TLS answer: what a server that serves one connection at a time does to the others. */
const HANG_UP = /ECONNRESET|EPIPE|ECONNREFUSED|socket disconnected|socket hang up/;

/** Whether a node:tls attempt ended in a bare hang-up (thrown, or read as a refusal with its message). */
export function tlsHungUp(outcome: PromiseSettledResult<unknown>): boolean {
  if (outcome.status === 'fulfilled') {
    const refused = (outcome.value as { refused?: unknown } | null)?.refused;
    return typeof refused === 'string' && HANG_UP.test(refused);
  }
  const err = outcome.reason as { code?: string; message?: string } | undefined;
  return HANG_UP.test(`${err?.code ?? ''} ${err?.message ?? ''}`);
}

const stapled = new WeakMap<TLSSocket, Buffer>();

/**
 * TLS contexts by trust list and handshake options, for the whole process. node builds a context per
 * connection otherwise: given `ca` it parses every root again (about 9 ms of CPU for the system roots),
 * and each context holds native memory until its socket is collected. Endpoints that trust the same
 * roots share one list (provider.ts), so every probe of every such endpoint shares its contexts. A
 * client context keeps no sessions of its own (node resumes only when handed a `session`), so sharing
 * one changes nothing a probe sees.
 */
const SYSTEM_ROOTS: readonly string[] = [];
const contexts = new WeakMap<readonly string[], Map<string, tls.SecureContext>>();

function contextFor(ca: readonly string[] | undefined, options: ConnectionOptions | undefined): tls.SecureContext {
  const roots = ca ?? SYSTEM_ROOTS;
  let byOptions = contexts.get(roots);
  if (!byOptions) contexts.set(roots, (byOptions = new Map<string, tls.SecureContext>()));
  // The options that shape a context are plain values (versions, ciphers, curves).
  const key = JSON.stringify(options ?? {});
  let context = byOptions.get(key);
  if (!context) byOptions.set(key, (context = tls.createSecureContext({ ...options, ...(ca ? { ca: [...ca] } : {}) })));
  return context;
}

/** The OCSP answer the server stapled in the handshake of `socket` (status_request), if any. */
export function stapledOcsp(socket: TLSSocket): Buffer | undefined {
  return stapled.get(socket);
}

/**
 * Resolves with the socket once the handshake completed; the caller ends it.
 * With `connect` (STARTTLS), the handshake runs over the connection it opens,
 * and the time limit covers the upgrade too.
 */
export function connectTls(args: ConnectArgs): Promise<TLSSocket> {
  return new Promise((resolve, reject) => {
    let tcpUp = false;
    let socket: TLSSocket | undefined;
    let settled = false;
    const abandon = new AbortController();
    const fail = (err: Error) => {
      settled = true;
      clearTimeout(timer);
      abandon.abort();
      socket?.destroy();
      reject(err);
    };
    const timer = setTimeout(() => {
      if (!tcpUp && args.connect)
        return fail(Object.assign(new Error(`no STARTTLS upgrade within ${args.timeoutMs} ms`), { code: 'ETIMEDOUT' }));
      const message = `no ${tcpUp ? 'handshake' : 'connection'} within ${args.timeoutMs} ms`;
      fail(tcpUp ? new HandshakeFailed(message, 'ETIMEDOUT') : new EndpointUnreachable(message, 'ETIMEDOUT'));
    }, args.timeoutMs);
    const onAbort = () => {
      if (!settled) fail(new HandshakeFailed('stopped: the fact’s time limit passed', 'ETIMEDOUT'));
    };
    if (args.signal?.aborted) {
      onAbort();
      return;
    }
    args.signal?.addEventListener('abort', onAbort, { once: true });
    abandon.signal.addEventListener('abort', () => args.signal?.removeEventListener('abort', onAbort), { once: true });
    const handshake = (plain?: Socket) => {
      let s: TLSSocket;
      try {
        s = tls.connect({
          ...(plain ? { socket: plain } : { host: args.host, port: args.port }),
          ...(args.servername ? { servername: args.servername } : {}),
          secureContext: contextFor(args.ca, args.extra),
          // Trust is judged from socket.authorized afterwards, so that an untrusted
          // chain is still read and reported rather than refused.
          rejectUnauthorized: false,
          // Name matching is judged separately (tls.checkServerIdentity on the leaf), so that
          // `authorized` speaks of the chain alone.
          checkServerIdentity: () => undefined,
          // ask for a stapled OCSP answer (tls.connect hands requestOCSP to its TLSSocket; @types/node lists it there only)
          ...({ requestOCSP: true } as ConnectionOptions),
          ...args.extra,
        });
      } catch (err) {
        // options node cannot build a context from (an ECDH curve this OpenSSL lacks) throw here: node's error at
        // once (key-exchange.ts reads it), never, after a STARTTLS upgrade, a rejection nobody handles and a timeout
        plain?.destroy();
        return fail(err as Error);
      }
      socket = s;
      s.once('OCSPResponse', (answer: Buffer | null) => {
        if (answer?.length) stapled.set(s, answer);
      });
      s.once('connect', () => {
        tcpUp = true;
      });
      s.once('secureConnect', () => {
        settled = true;
        clearTimeout(timer);
        // Later errors belong to whoever uses the socket; never let one go unhandled.
        s.on('error', () => {});
        resolve(s);
      });
      s.once('error', (err: NodeJS.ErrnoException) => {
        if (settled) return;
        fail(tcpUp ? new HandshakeFailed(err.message, err.code) : new EndpointUnreachable(err.message, err.code));
      });
    };
    if (!args.connect) return handshake();
    args.connect({ host: args.host, port: args.port, timeoutMs: args.timeoutMs, signal: abandon.signal }).then(
      (plain) => {
        if (settled) return void plain.destroy();
        tcpUp = true;
        handshake(plain);
      },
      (err: NodeJS.ErrnoException) => {
        if (settled) return;
        // a connection that could not be opened is unreachable; a negotiation that failed says why itself
        fail(err instanceof OpenError && err.code !== 'ETIMEDOUT' ? new EndpointUnreachable(err.message, err.code) : err);
      },
    );
  });
}

export interface Attempt<T> {
  value: T;
  /** Set when the default client refused and the value comes from a permissive retry. */
  clientRefusal: ClientRefusal | null;
}

/**
 * Runs `use` over a default connection; when the handshake fails (but the
 * endpoint answered), retries once with permissive options and records the
 * first refusal. Unreachable endpoints and a failing retry are thrown.
 */
export async function withFallback<T>(args: ConnectArgs, use: (socket: TLSSocket) => Promise<T>): Promise<Attempt<T>> {
  const once = async (extra?: ConnectionOptions) => {
    const socket = await connectTls({ ...args, extra: { ...args.extra, ...extra } });
    try {
      return await use(socket);
    } finally {
      socket.destroy();
    }
  };
  const run = (extra?: ConnectionOptions) => gated(args, () => once(extra), tlsHungUp);
  try {
    return { value: await run(), clientRefusal: null };
  } catch (err) {
    if (!(err instanceof HandshakeFailed)) throw err;
    const value = await run(PERMISSIVE);
    return { value, clientRefusal: { code: err.code ?? null, message: err.message } };
  }
}
