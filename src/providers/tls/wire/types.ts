import type { Socket } from 'node:net';
import type { ConnectionGate } from './gate.js';

/** Protocol versions the wire layer can offer (SSLv2 is out of scope: its hello is another format). */
export type TlsVersion = 'SSLv3' | 'TLSv1.0' | 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3';

export const TLS_VERSIONS: readonly TlsVersion[] = ['SSLv3', 'TLSv1.0', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'];

export interface Alert {
  level: number;
  description: number;
  name: string;
}

/**
 * What one ClientHello learned. `accepted` means the server answered with a
 * ServerHello (or a TLS 1.3 HelloRetryRequest) for exactly the version asked.
 * `rejected` is the server's own refusal (an alert, a fallback to an older
 * version, or a close after reading the hello). `error` means no verdict:
 * nothing was learned about the server's policy.
 */
export type ProbeAnswer =
  | { kind: 'accepted'; version: TlsVersion; suite: number; helloRetryRequest?: true }
  | {
      kind: 'rejected';
      alert?: Alert;
      reason: string;
      /** Set when the server answered a ServerHello for another version than the one asked. */
      negotiated?: TlsVersion;
    }
  | { kind: 'error'; reason: string };

export interface Endpoint {
  host: string;
  port: number;
  /** SNI name; defaults to `host` unless `host` is an IP address. */
  servername?: string;
  timeoutMs: number;
  /**
   * Opens the connection a ClientHello is written to; default plain TCP. A
   * STARTTLS endpoint gives one that negotiates the upgrade first, so that every
   * probe connection is a freshly upgraded one.
   */
  connect?: Connector;
  /** Aborted when the fact's time is up: no new connection starts, open ones are closed. */
  signal?: AbortSignal;
  /** Bounds the connections open at once to this endpoint, across probes (`tls.probeConcurrency`). */
  gate?: ConnectionGate;
}

export interface OpenArgs {
  host: string;
  port: number;
  timeoutMs: number;
  /** Aborted when the caller gave up: the connector destroys what it opened. */
  signal?: AbortSignal;
}

/** A connected socket on which the next bytes written are the client's TLS bytes. */
export type Connector = (args: OpenArgs) => Promise<Socket>;
