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
 * instead of one per known suite. When the endpoint's gate lets N connections
 * be open at once, the candidates are dealt into N slices, commonest first,
 * each eliminated on its own connections at the same time.
 */
export async function enumerateSuites(options: EnumerateOptions): Promise<Enumeration> {
  checkEndpoint(options);
  const size = chunkSize(options);
  const pinned = await pinAddress(options);
  if ('error' in pinned) return { accepted: [], handshakes: 0, inconclusive: pinned.error };
  const o = pinned.endpoint;
  const candidates = [...new Set(o.candidates ?? suitesFor(o.version))];
  const found = await Promise.all(slices(candidates, o.gate?.width ?? 1).map((slice) => eliminate(o, slice, size)));
  const accepted = found.flatMap((f) => f.accepted);
  let handshakes = found.reduce((n, f) => n + f.handshakes, 0);
  const inconclusive = found.find((f) => f.inconclusive)?.inconclusive;
  if (inconclusive) return { accepted, handshakes, inconclusive };
  // The order is the server's only if every suite was on offer at each earlier pick; when bundles or
  // slices kept some apart, rank the (short) accepted list once more, all in one hello.
  const competed = found.filter((f) => f.accepted.length).length <= 1 && found.every((f) => f.competed);
  if (competed) return { accepted, handshakes };
  const ranked = await rank(o, accepted);
  handshakes += ranked.handshakes;
  return { accepted: ranked.order, handshakes };
}

/** `candidates` dealt into `count` contiguous slices (fewer when there are few), so the commonest stay together. */
function slices(candidates: number[], count: number): number[][] {
  const per = Math.max(MIN_SLICE, Math.ceil(candidates.length / count));
  const out: number[][] = [];
  for (let i = 0; i < candidates.length; i += per) out.push(candidates.slice(i, i + per));
  return out;
}

/** The smallest slice worth a connection of its own: a short list is eliminated in one. */
const MIN_SLICE = 16;

/** Elimination over one list of candidates, bundle by bundle: what it found, and whether every pick saw all the others. */
async function eliminate(o: EnumerateOptions, candidates: number[], size: number): Promise<Enumeration & { competed: boolean }> {
  const remaining = [...candidates];
  const accepted: number[] = [];
  const offeredAtPick: Set<number>[] = [];
  let handshakes = 0;
  // each round removes at least one candidate, so this bounds the loop for any server
  while (remaining.length > 0) {
    const offer = remaining.slice(0, size);
    const answer = await probeOnce({ ...o, suites: offer });
    handshakes++;
    if (answer.kind === 'error') return { accepted, handshakes, inconclusive: answer.reason, competed: false };
    if (answer.kind === 'accepted') {
      accepted.push(answer.suite);
      offeredAtPick.push(new Set(offer));
      remaining.splice(remaining.indexOf(answer.suite), 1);
      continue;
    }
    if (answer.alert?.name === 'protocol_version' || answer.negotiated) break;
    remaining.splice(0, size); // nothing left in this bundle is accepted
  }
  const competed = accepted.every((suite, j) => offeredAtPick.slice(0, j).every((offer) => offer.has(suite)));
  return { accepted, handshakes, competed };
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
