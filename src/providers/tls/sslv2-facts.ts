import type { CallRecorder } from '../../core/facts.js';
import type { ProbeBase } from './probes.js';
import type { ProtocolsFact, SuiteInfo, SuitesFact, VersionAnswer } from './types.js';
import { probeSslv2 } from './wire/sslv2-probe.js';
import { sslv2KindByName } from './wire/sslv2.js';

/** SSLv2 as a version answer of the protocols fact: one CLIENT-HELLO in SSLv2 framing. */
export async function sslv2Answer(rec: CallRecorder, base: ProbeBase): Promise<VersionAnswer> {
  const a = await rec.call({ operation: 'tls:CLIENT-HELLO(SSLv2)' }, (signal) => probeSslv2({ ...base, signal }));
  if (a.kind === 'accepted') return { kind: 'accepted', version: 'SSLv2', suite: null, ciphers: a.ciphers };
  return a;
}

/** Every SSLv2 cipher kind is broken: 40-bit export, RC4, DES, RC2 or IDEA, with MD5 and no forward secrecy. */
function describeKind(name: string): SuiteInfo {
  const id = sslv2KindByName(name) ?? -1;
  const weak = ['sslv2', 'static-rsa', 'md5'];
  if (name.includes('EXPORT40')) weak.push('export');
  if (name.includes('RC4')) weak.push('rc4');
  if (name.includes('DES_64')) weak.push('des');
  if (name.includes('DES_192_EDE3')) weak.push('3des');
  const hex = id >= 0 ? `0x${id.toString(16).toUpperCase().padStart(6, '0')}` : name;
  return { id, hex, name, kex: 'RSA', aead: false, forwardSecrecy: false, weak };
}

/**
 * The SSLv2 "suites": an SSLv2 SERVER-HELLO lists every cipher kind the
 * server shares with the client, and the probe offered them all, so the
 * protocols fact already holds the full list; no further handshake.
 */
export function sslv2Suites(protocols: ProtocolsFact): SuitesFact {
  const answer = protocols.versions.SSLv2;
  if (answer?.kind !== 'accepted') throw new Error('SSLv2 suites asked of an endpoint that did not accept SSLv2');
  return { version: 'SSLv2', accepted: (answer.ciphers ?? []).map(describeKind), handshakes: 0, inconclusive: null };
}
