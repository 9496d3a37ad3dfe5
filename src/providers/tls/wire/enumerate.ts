import { chunkSize, probeOnce } from './probe.js';
import { suitesFor } from './suites.js';
import type { Endpoint, TlsVersion } from './types.js';

export interface EnumerateOptions extends Endpoint {
  version: TlsVersion;
  /** Suites to try; default every catalogued suite of `version`, commonest first. */
  candidates?: readonly number[];
  maxSuitesPerHello?: number;
}

export interface Enumeration {
  /** Accepted suites in the order the server picked them (its preference, if it enforces one). */
  accepted: number[];
  handshakes: number;
  /** Set when a probe could not be judged (timeout, reset, odd answer): `accepted` may then be incomplete. */
  inconclusive?: string;
}

/**
 * Enumeration by elimination: offer every remaining candidate, record the
 * server's pick, remove it, repeat until the server refuses. That costs one
 * handshake per accepted suite plus one refusal per bundle of candidates,
 * instead of one per known suite.
 */
export async function enumerateSuites(o: EnumerateOptions): Promise<Enumeration> {
  const size = chunkSize(o);
  const remaining = [...new Set(o.candidates ?? suitesFor(o.version))];
  const accepted: number[] = [];
  let handshakes = 0;
  // each round removes at least one candidate, so this bounds the loop for any server
  while (remaining.length > 0) {
    const bundle = remaining.slice(0, size);
    const answer = await probeOnce({ ...o, suites: bundle });
    handshakes++;
    if (answer.kind === 'error') return { accepted, handshakes, inconclusive: answer.reason };
    if (answer.kind === 'accepted') {
      accepted.push(answer.suite);
      remaining.splice(remaining.indexOf(answer.suite), 1);
      continue;
    }
    if (answer.alert?.name === 'protocol_version' || answer.negotiated) break;
    remaining.splice(0, bundle.length); // nothing left in this bundle is accepted
  }
  return { accepted, handshakes };
}
