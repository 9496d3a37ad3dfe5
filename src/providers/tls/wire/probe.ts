import { AnswerInterpreter } from './answer.js';
import { MAX_SUITES_PER_RECORD, buildClientHello } from './client-hello.js';
import { exchange } from './exchange.js';
import { gated } from './gate.js';
import { pinAddress } from './resolve.js';
import { suitesFor } from './suites.js';
import { TLS_VERSIONS, type Endpoint, type ProbeAnswer, type TlsVersion } from './types.js';

export interface ProbeOptions extends Endpoint {
  version: TlsVersion;
  suites: readonly number[];
  /**
   * Most suites in one hello. Some servers fail on hellos with 128 suites or more
   * (testssl.sh offers them in bundles for the same reason); larger lists are split.
   */
  maxSuitesPerHello?: number;
}

export const DEFAULT_MAX_SUITES_PER_HELLO = 127;

export function checkEndpoint(o: Endpoint): void {
  if (!o.host) throw new TypeError('host is required');
  if (!Number.isInteger(o.port) || o.port < 1 || o.port > 65535) throw new TypeError(`bad port ${o.port}`);
  if (!(o.timeoutMs > 0)) throw new TypeError(`timeoutMs must be positive, got ${o.timeoutMs}`);
}

export function chunkSize(o: { maxSuitesPerHello?: number }): number {
  const size = o.maxSuitesPerHello ?? DEFAULT_MAX_SUITES_PER_HELLO;
  if (!Number.isInteger(size) || size < 1) throw new TypeError(`maxSuitesPerHello must be a positive integer`);
  return Math.min(size, MAX_SUITES_PER_RECORD);
}

/** One ClientHello with exactly these suites: one connection. */
export function probeOnce(o: Endpoint & { version: TlsVersion; suites: readonly number[] }): Promise<ProbeAnswer> {
  const hello = buildClientHello({ version: o.version, suites: o.suites, servername: o.servername ?? o.host });
  return gated(
    o,
    () => exchange(o, hello, new AnswerInterpreter(o.version, new Set(o.suites))),
    (outcome) => (outcome.status === 'fulfilled' ? hungUp(outcome.value) : true),
  );
}

/**
 * An answer that says only that the connection ended: a refusal with neither
 * an alert nor a ServerHello, or an exchange that failed (but for a timeout,
 * which a retry would only repeat).
 */
export function hungUp(a: { kind: string; reason?: string; alert?: unknown; negotiated?: unknown }): boolean {
  if (a.kind === 'rejected') return !a.alert && !a.negotiated && /without an answer/.test(a.reason ?? '');
  return a.kind === 'error' && !/timeout|stopped/.test(a.reason ?? '');
}

/**
 * Does the server accept `version` with one of `suites`? Lists longer than one
 * hello holds are offered bundle by bundle until one is accepted; the answer is
 * the first acceptance, the first error, or the last refusal.
 */
export async function probe(o: ProbeOptions): Promise<ProbeAnswer> {
  checkEndpoint(o);
  if (!TLS_VERSIONS.includes(o.version)) throw new TypeError(`unknown version ${String(o.version)}`);
  if (o.suites.length === 0) throw new TypeError('probe needs at least one suite');
  const size = chunkSize(o);
  let last: ProbeAnswer | undefined;
  for (let i = 0; i < o.suites.length; i += size) {
    last = await probeOnce({ ...o, suites: o.suites.slice(i, i + size) });
    if (last.kind !== 'rejected') return last;
    // a version refusal is not about the suites: other bundles would be refused alike
    if (last.alert?.name === 'protocol_version' || last.negotiated) return last;
  }
  return last as ProbeAnswer;
}

/** Which of SSLv3 … TLS 1.3 the server accepts, each probed with every catalogued suite of that version, in parallel (within the gate). */
export async function acceptedVersions(o: Endpoint & { maxSuitesPerHello?: number }): Promise<Record<TlsVersion, ProbeAnswer>> {
  checkEndpoint(o);
  const pinned = await pinAddress(o);
  const answers: ProbeAnswer[] =
    'error' in pinned
      ? TLS_VERSIONS.map(() => ({ kind: 'error', reason: pinned.error }))
      : await Promise.all(TLS_VERSIONS.map((version) => probe({ ...pinned.endpoint, version, suites: suitesFor(version) })));
  return Object.fromEntries(TLS_VERSIONS.map((v, i) => [v, answers[i]])) as Record<TlsVersion, ProbeAnswer>;
}
