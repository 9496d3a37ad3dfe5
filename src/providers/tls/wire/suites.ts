import catalogue from '../data/suites.json' with { type: 'json' };
import type { TlsVersion } from './types.js';

export type Weakness = 'null' | 'anon' | 'export' | 'rc4' | 'des' | '3des' | 'static-rsa' | 'cbc' | 'md5';

/** Key exchange. Ephemeral: ECDHE, DHE, *-PSK with DHE, CECPQ1, TLS13; static: RSA, DH, ECDH, PSK, RSA-PSK. */
export type KeyExchange =
  | 'ECDHE'
  | 'DHE'
  | 'ECDH'
  | 'DH'
  | 'RSA'
  | 'PSK'
  | 'DHE-PSK'
  | 'ECDHE-PSK'
  | 'RSA-PSK'
  | 'SRP'
  | 'KRB5'
  | 'GOST'
  | 'CECPQ1'
  | 'TLS13'
  | 'NULL';

export interface SuiteInfo {
  id: number;
  /** `0xC02F` */
  hex: string;
  iana: string;
  openssl?: string;
  /** Versions in which the suite can be negotiated. */
  versions: TlsVersion[];
  kex: KeyExchange;
  /** `anon` for unauthenticated suites; `any` for TLS 1.3 (the certificate decides). */
  auth: 'RSA' | 'ECDSA' | 'DSS' | 'DH' | 'ECDH' | 'PSK' | 'KRB5' | 'GOST' | 'SRP' | 'anon' | 'any';
  /** testssl.sh / OpenSSL cipher family: AESGCM, AES (CBC), ChaCha20, 3DES, RC4, None… */
  cipher: string;
  bits: number;
  mac: string;
  aead: boolean;
  /** Ephemeral key exchange with an authenticated peer (anonymous DH has no meaningful secrecy). */
  forwardSecrecy: boolean;
  weak: Weakness[];
  export?: true;
}

export const SUITES: readonly SuiteInfo[] = catalogue.suites as SuiteInfo[];

const byId = new Map(SUITES.map((s) => [s.id, s]));
const byIana = new Map(SUITES.map((s) => [s.iana, s]));

export function suiteInfo(id: number): SuiteInfo | undefined {
  return byId.get(id);
}

export function suiteByName(iana: string): SuiteInfo | undefined {
  return byIana.get(iana);
}

const MAINSTREAM_KEX: readonly KeyExchange[] = ['ECDHE', 'DHE', 'RSA'];
const LEGACY_CIPHERS = ['3DES', 'RC4'];

/** How likely a server is to accept a suite, as a tier: candidates are offered lowest tier first. */
function commonness(s: SuiteInfo): number {
  if (s.kex === 'TLS13') return 0;
  if (!MAINSTREAM_KEX.includes(s.kex)) return 7; // PSK, SRP, Kerberos, GOST, static (EC)DH certificates
  if (s.export || s.weak.includes('null') || s.weak.includes('anon') || s.weak.includes('des')) return 6;
  if (LEGACY_CIPHERS.includes(s.cipher)) return 4;
  if (!['AES', 'AESGCM', 'AESCCM', 'AESCCM8', 'ChaCha20'].includes(s.cipher)) return 5;
  if (s.kex === 'RSA') return 3;
  return s.aead ? 1 : 2;
}

/**
 * Every catalogued suite that can be negotiated in `version`, commonest first so that
 * a server with a short list answers from the first hello when candidates are split.
 */
export function suitesFor(version: TlsVersion): readonly number[] {
  let ordered = ordersByVersion.get(version);
  if (!ordered) ordersByVersion.set(version, (ordered = Object.freeze(orderFor(version))));
  return ordered;
}

/** The order depends on the catalogue alone: computed once per version (every probe of every endpoint asks). */
const ordersByVersion = new Map<TlsVersion, readonly number[]>();

function orderFor(version: TlsVersion): readonly number[] {
  return SUITES.filter((s) => s.versions.includes(version))
    .map((s, i) => ({ s, i, rank: commonness(s) }))
    .sort((a, b) => a.rank - b.rank || a.i - b.i)
    .map(({ s }) => s.id);
}
