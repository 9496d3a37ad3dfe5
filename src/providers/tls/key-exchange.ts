import type { CallRecorder } from '../../core/facts.js';
import { connectTls, EndpointUnreachable, HandshakeFailed, tlsHungUp, type ConnectArgs } from './connect.js';
import { gated } from './wire/gate.js';
import type { DheGroupFact, GroupAnswer, GroupsFact } from './types.js';

/**
 * The key-exchange parameters an endpoint uses, learned from node:tls
 * handshakes that offer one thing at a time: DHE suites alone (the group size
 * is the ephemeral key's), and each named curve alone (accepted when the
 * handshake completes on it). The client runs at `@SECLEVEL=0` so that it
 * never refuses what is being measured.
 */

/** Groups offered in every version, TLS 1.3 included. */
const GROUPS = ['X25519', 'prime256v1', 'secp384r1', 'secp521r1', 'X448'];
/** Curves OpenSSL 3 offers only up to TLS 1.2. */
const LEGACY_CURVES = ['secp256k1', 'secp224r1', 'brainpoolP256r1', 'brainpoolP384r1', 'brainpoolP512r1'];

type Outcome = { key: { type: string; name: string | null; size: number | null } | null } | { refused: string };

/** One handshake, within the endpoint's gate: the ephemeral key agreed on, or the handshake's refusal. */
function attempt(args: ConnectArgs): Promise<Outcome> {
  return gated(args.gate, () => attemptOnce(args), tlsHungUp);
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

/** One handshake per named group, each offered alone: which the server agrees on. As many at a time as the endpoint's gate allows. */
export async function probeGroups(rec: CallRecorder, base: Omit<ConnectArgs, 'extra'>): Promise<GroupsFact> {
  const offered = [...GROUPS.map((g) => [g, undefined] as const), ...LEGACY_CURVES.map((g) => [g, 'TLSv1.2'] as const)];
  const answers: Record<string, GroupAnswer> = {};
  // one call for the whole fact, so that its time limit bounds every handshake in it
  await rec.call({ operation: 'tls:handshake(groups)' }, (signal) =>
    Promise.all(
      offered.map(async ([group, maxVersion]) => {
        answers[group] = await groupAnswer({ ...base, signal }, group, maxVersion);
      }),
    ),
  );
  const ordered = Object.fromEntries(offered.map(([g]) => [g, answers[g]!]));
  const by = (kind: GroupAnswer['kind']) => offered.map(([g]) => g).filter((g) => answers[g]?.kind === kind);
  return { answers: ordered, accepted: by('accepted'), inconclusive: by('error') };
}

async function groupAnswer(base: Omit<ConnectArgs, 'extra'>, group: string, maxVersion: 'TLSv1.2' | undefined): Promise<GroupAnswer> {
  const extra = { ecdhCurve: group, ciphers: 'kECDHE:@SECLEVEL=0', minVersion: 'TLSv1', ...(maxVersion ? { maxVersion } : {}) } as const;
  try {
    const answer = await attempt({ ...base, extra });
    if ('refused' in answer) {
      // this client (its OpenSSL build) cannot offer the group: nothing learned about the server
      return /no suitable groups|Failed to set ECDH curve/i.test(answer.refused)
        ? { kind: 'not-offered', reason: answer.refused }
        : { kind: 'refused', reason: answer.refused };
    }
    return answer.key?.name === group
      ? { kind: 'accepted' }
      : { kind: 'error', reason: `handshake completed on ${answer.key?.name ?? 'no group'}` };
  } catch (err) {
    if (err instanceof EndpointUnreachable) throw err;
    const reason = (err as Error).message;
    return /Failed to set ECDH curve|Unknown curve/i.test(reason) ? { kind: 'not-offered', reason } : { kind: 'error', reason };
  }
}
