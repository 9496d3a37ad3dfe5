import { checkEndpoint, chunkSize, probeOnce } from './probe.js';
import { pinAddress } from './resolve.js';
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
export async function enumerateSuites(options: EnumerateOptions): Promise<Enumeration> {
  checkEndpoint(options);
  const size = chunkSize(options);
  const pinned = await pinAddress(options);
  if ('error' in pinned) return { accepted: [], handshakes: 0, inconclusive: pinned.error };
  const o = pinned.endpoint;
  const remaining = [...new Set(o.candidates ?? suitesFor(o.version))];
  const accepted: number[] = [];
  const offeredAtPick: Set<number>[] = [];
  let handshakes = 0;
  // each round removes at least one candidate, so this bounds the loop for any server
  while (remaining.length > 0) {
    const offer = remaining.slice(0, size);
    const answer = await probeOnce({ ...o, suites: offer });
    handshakes++;
    if (answer.kind === 'error') return { accepted, handshakes, inconclusive: answer.reason };
    if (answer.kind === 'accepted') {
      accepted.push(answer.suite);
      offeredAtPick.push(new Set(offer));
      remaining.splice(remaining.indexOf(answer.suite), 1);
      continue;
    }
    if (answer.alert?.name === 'protocol_version' || answer.negotiated) break;
    remaining.splice(0, size); // nothing left in this bundle is accepted
  }
  // The order is the server's only if every suite was on offer at each earlier pick; when bundles kept
  // some apart, rank the (short) accepted list once more, all in one hello.
  const competed = accepted.every((suite, j) => offeredAtPick.slice(0, j).every((offer) => offer.has(suite)));
  if (competed) return { accepted, handshakes };
  const ranked = await rank(o, accepted);
  return { accepted: ranked.order, handshakes: handshakes + ranked.handshakes };
}

/** The server's order among suites it is known to accept; the discovery order if a probe fails. */
async function rank(o: EnumerateOptions, suites: number[]): Promise<{ order: number[]; handshakes: number }> {
  const left = [...suites];
  const order: number[] = [];
  let handshakes = 0;
  while (left.length > 1) {
    const answer = await probeOnce({ ...o, suites: left });
    handshakes++;
    if (answer.kind !== 'accepted' || !left.includes(answer.suite)) return { order: suites, handshakes };
    order.push(answer.suite);
    left.splice(left.indexOf(answer.suite), 1);
  }
  return { order: [...order, ...left], handshakes };
}
