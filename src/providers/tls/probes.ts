import type { CallRecorder } from '../../core/facts.js';
import { EndpointUnreachable } from './connect.js';
import { sslv2Answer } from './sslv2-facts.js';
import type { ProtocolsFact, SuiteInfo, SuitesFact, VersionAnswer } from './types.js';
import { acceptedVersions, enumerateSuites, suiteInfo, TLS_VERSIONS, type ProbeAnswer, type TlsVersion } from './wire/index.js';

export interface ProbeBase {
  host: string;
  port: number;
  servername?: string;
  timeoutMs: number;
}

/** A probe error that says the endpoint is not there at all, rather than "no verdict". */
const UNREACHABLE = /ECONNREFUSED|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EAI_AGAIN|EADDRNOTAVAIL/;

/** Throws EndpointUnreachable when a probe's error `reason` says the endpoint is not there at all. */
export function assertReachable(reason: string): void {
  if (UNREACHABLE.test(reason)) throw new EndpointUnreachable(reason, UNREACHABLE.exec(reason)?.[0]);
  if (/timeout.*connecting/.test(reason)) throw new EndpointUnreachable(reason, 'ETIMEDOUT');
}

/** Which protocol versions the endpoint accepts, each learned from a hand-built ClientHello. */
export async function probeProtocols(rec: CallRecorder, base: ProbeBase): Promise<ProtocolsFact> {
  const [answers, sslv2] = await Promise.all([
    rec.call({ operation: 'tls:ClientHello(versions)' }, (signal) => acceptedVersions({ ...base, signal })),
    sslv2Answer(rec, base),
  ]);
  const versions: Record<string, VersionAnswer> = { SSLv2: sslv2 };
  for (const v of TLS_VERSIONS) versions[v] = plainAnswer(answers[v]);
  const all = Object.values(answers);
  if (all.every((a) => a.kind === 'error')) assertReachable((all[0] as { reason: string }).reason);
  const by = (kind: ProbeAnswer['kind']) => Object.keys(versions).filter((v) => versions[v]!.kind === kind);
  return { versions, accepted: by('accepted'), rejected: by('rejected'), inconclusive: by('error') };
}

/** The suites accepted in one version, by elimination: about one handshake per accepted suite. */
export async function probeSuites(rec: CallRecorder, base: ProbeBase, version: string): Promise<SuitesFact> {
  if (!(TLS_VERSIONS as readonly string[]).includes(version)) throw new Error(`unknown protocol version ${version}`);
  const found = await rec.call({ operation: `tls:ClientHello(suites ${version})` }, (signal) =>
    enumerateSuites({ ...base, signal, version: version as TlsVersion }),
  );
  return {
    version,
    accepted: found.accepted.map(describeSuite),
    handshakes: found.handshakes,
    inconclusive: found.inconclusive ?? null,
  };
}

export function describeSuite(id: number): SuiteInfo {
  const info = suiteInfo(id);
  const hex = `0x${id.toString(16).toUpperCase().padStart(4, '0')}`;
  if (!info) return { id, hex, name: `unknown suite ${hex}`, kex: null, aead: false, forwardSecrecy: false, weak: ['unknown'] };
  return { id, hex, name: info.iana, kex: info.kex, aead: info.aead, forwardSecrecy: info.forwardSecrecy, weak: [...info.weak] };
}

function plainAnswer(a: ProbeAnswer): VersionAnswer {
  if (a.kind === 'accepted') return { kind: 'accepted', version: a.version, suite: a.suite };
  if (a.kind === 'rejected') return { kind: 'rejected', alert: a.alert?.name ?? null, reason: a.reason };
  return { kind: 'error', reason: a.reason };
}
