import type { CallRecorder } from '../../core/facts.js';
import { connectTls, HandshakeFailed, tlsHungUp, type ConnectArgs } from './connect.js';
import { assertReachable } from './probes.js';
import { gated } from './wire/gate.js';
import { probeGroup } from './wire/group-probe.js';
import type { Endpoint } from './wire/types.js';
import type { DheGroupFact, GroupAnswer, GroupsFact } from './types.js';

/**
 * The key-exchange parameters an endpoint uses, learned from hellos that offer
 * one thing at a time: DHE suites alone in a node:tls handshake (the group
 * size is the ephemeral key's; the client runs at `@SECLEVEL=0` so that it
 * never refuses what is being measured), and each named group alone in a raw
 * ClientHello (accepted when the server agrees on it).
 */

/** Groups offered in every version, TLS 1.3 included. */
const GROUPS = ['X25519', 'prime256v1', 'secp384r1', 'secp521r1', 'X448'];
/** Curves offered only up to TLS 1.2: RFC 8446 leaves them out of TLS 1.3 (brainpool has other code points there). */
const LEGACY_CURVES = ['secp256k1', 'secp224r1', 'brainpoolP256r1', 'brainpoolP384r1', 'brainpoolP512r1'];

type Outcome = { key: { type: string; name: string | null; size: number | null } | null } | { refused: string };

/** One handshake, within the endpoint's gate: the ephemeral key agreed on, or the handshake's refusal. */
function attempt(args: ConnectArgs): Promise<Outcome> {
  return gated(args, () => attemptOnce(args), tlsHungUp);
}

async function attemptOnce(args: ConnectArgs): Promise<Outcome> {
  try {
    const socket = await connectTls(args);
    const eph = socket.getEphemeralKeyInfo();
    socket.destroy();
    return { key: eph && 'type' in eph && eph.type ? { type: eph.type, name: eph.name ?? null, size: eph.size ?? null } : null };
  } catch (err) {
    if (err instanceof HandshakeFailed) return { refused: err.message.split('\n')[0] ?? err.message };
    throw err;
  }
}

/** A handshake offering only DHE suites, up to TLS 1.2: the size of the server's group, or why none was agreed. */
export async function probeDheGroup(rec: CallRecorder, base: Omit<ConnectArgs, 'extra'>): Promise<DheGroupFact> {
  const extra = { ciphers: 'kDHE:@SECLEVEL=0', minVersion: 'TLSv1', maxVersion: 'TLSv1.2' } as const;
  const answer = await rec.call({ operation: 'tls:handshake(DHE)' }, (signal) => attempt({ ...base, signal, extra }));
  if ('refused' in answer) return { bits: null, failure: answer.refused };
  if (answer.key?.type !== 'DH')
    return { bits: null, failure: `the server agreed on ${answer.key?.type ?? 'no'} key exchange when offered only DHE` };
  if (answer.key.size === null)
    return { bits: null, failure: 'the DHE handshake completed but the size of the server’s group was not reported' };
  return { bits: answer.key.size, failure: null };
}

/**
 * One raw ClientHello per named group, each offered alone (wire/group-probe.ts), as many at a time as the
 * endpoint's gate allows: which the server agrees on. A connection that cannot be opened at all makes the
 * endpoint unreachable, as a refused node:tls connection did.
 */
export async function probeGroups(rec: CallRecorder, base: Endpoint): Promise<GroupsFact> {
  const offered = [...GROUPS.map((g) => [g, 'TLSv1.3'] as const), ...LEGACY_CURVES.map((g) => [g, 'TLSv1.2'] as const)];
  const answers: Record<string, GroupAnswer> = {};
  // one call for the whole fact, so that its time limit bounds every hello in it
  await rec.call({ operation: 'tls:ClientHello(groups)' }, (signal) =>
    Promise.all(
      offered.map(async ([group, upTo]) => {
        const answer = await probeGroup({ ...base, signal, group, upTo });
        if (answer.kind === 'error') assertReachable(answer.reason);
        answers[group] =
          answer.kind === 'accepted'
            ? { kind: 'accepted' }
            : { kind: answer.kind === 'rejected' ? 'refused' : 'error', reason: answer.reason };
      }),
    ),
  );
  const ordered = Object.fromEntries(offered.map(([g]) => [g, answers[g]!]));
  const by = (kind: GroupAnswer['kind']) => offered.map(([g]) => g).filter((g) => answers[g]?.kind === kind);
  return { answers: ordered, accepted: by('accepted'), inconclusive: by('error') };
}
