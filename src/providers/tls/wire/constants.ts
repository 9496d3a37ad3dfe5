import type { TlsVersion } from './types.js';

/** Wire codes of the protocol versions (`ProtocolVersion` in RFC 5246 / 8446). */
export const VERSION_CODES: Record<TlsVersion, number> = {
  SSLv3: 0x0300,
  'TLSv1.0': 0x0301,
  'TLSv1.1': 0x0302,
  'TLSv1.2': 0x0303,
  'TLSv1.3': 0x0304,
};

export function versionOfCode(code: number): TlsVersion | undefined {
  return (Object.keys(VERSION_CODES) as TlsVersion[]).find((v) => VERSION_CODES[v] === code);
}

export const CONTENT = { changeCipherSpec: 20, alert: 21, handshake: 22, applicationData: 23 } as const;
export const HANDSHAKE = {
  helloRequest: 0,
  clientHello: 1,
  serverHello: 2,
  certificate: 11,
  serverKeyExchange: 12,
  serverHelloDone: 14,
  certificateStatus: 22,
} as const;

export const EXT = {
  serverName: 0,
  supportedGroups: 10,
  ecPointFormats: 11,
  signatureAlgorithms: 13,
  padding: 21,
  extendedMasterSecret: 23,
  sessionTicket: 35,
  supportedVersions: 43,
  pskKeyExchangeModes: 45,
  keyShare: 51,
  renegotiationInfo: 0xff01,
} as const;

/** TLS_EMPTY_RENEGOTIATION_INFO_SCSV: signals secure renegotiation where extensions cannot be sent (SSLv3). */
export const RENEGOTIATION_SCSV = 0x00ff;

export const GROUP_X25519 = 29;

/** Wire codes of the named groups probed one at a time (IANA TLS Supported Groups; OpenSSL's names). */
export const NAMED_GROUPS: Readonly<Record<string, number>> = {
  secp224r1: 21,
  secp256k1: 22,
  prime256v1: 23,
  secp384r1: 24,
  secp521r1: 25,
  brainpoolP256r1: 26,
  brainpoolP384r1: 27,
  brainpoolP512r1: 28,
  X25519: 29,
  X448: 30,
};

/**
 * Groups offered before TLS 1.3: every named curve, so that a server whose only
 * ECDHE curve is an old binary or brainpool one still answers (as testssl.sh does).
 * No FFDHE groups here: under RFC 7919 they could make a strict server refuse DHE.
 */
export const LEGACY_GROUPS = [
  29, 23, 24, 25, 30, 26, 27, 28, 22, 21, 20, 19, 18, 17, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1,
];

/** Groups offered in TLS 1.3; only x25519 carries a key share, others lead to a HelloRetryRequest. */
export const TLS13_GROUPS = [29, 23, 24, 25, 30, 31, 32, 33, 256, 257, 258, 259, 260];

/** Signature schemes of TLS 1.2 and 1.3, strongest first, with SHA-1 and SHA-224 so that legacy servers still answer. */
export const SIGNATURE_SCHEMES = [
  0x0403, 0x0503, 0x0603, 0x0807, 0x0808, 0x0804, 0x0805, 0x0806, 0x0809, 0x080a, 0x080b, 0x081a, 0x081b, 0x081c, 0x0401, 0x0501, 0x0601,
  0x0303, 0x0301, 0x0302, 0x0402, 0x0502, 0x0602, 0x0203, 0x0201, 0x0202,
];

/** SHA-256("HelloRetryRequest"): the ServerHello random that marks a HelloRetryRequest (RFC 8446 §4.1.3). */
export const HELLO_RETRY_RANDOM = Buffer.from('cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c', 'hex');

/** Largest plaintext record (2^14); a server may reject a longer one with record_overflow. */
export const MAX_RECORD = 16384;

const ALERT_NAMES: Record<number, string> = {
  0: 'close_notify',
  10: 'unexpected_message',
  20: 'bad_record_mac',
  21: 'decryption_failed',
  22: 'record_overflow',
  30: 'decompression_failure',
  40: 'handshake_failure',
  41: 'no_certificate',
  42: 'bad_certificate',
  43: 'unsupported_certificate',
  44: 'certificate_revoked',
  45: 'certificate_expired',
  46: 'certificate_unknown',
  47: 'illegal_parameter',
  48: 'unknown_ca',
  49: 'access_denied',
  50: 'decode_error',
  51: 'decrypt_error',
  60: 'export_restriction',
  70: 'protocol_version',
  71: 'insufficient_security',
  80: 'internal_error',
  86: 'inappropriate_fallback',
  90: 'user_canceled',
  100: 'no_renegotiation',
  109: 'missing_extension',
  110: 'unsupported_extension',
  111: 'certificate_unobtainable',
  112: 'unrecognized_name',
  113: 'bad_certificate_status_response',
  114: 'bad_certificate_hash_value',
  115: 'unknown_psk_identity',
  116: 'certificate_required',
  120: 'no_application_protocol',
};

export const ALERT = { handshakeFailure: 40, decodeError: 50, protocolVersion: 70 } as const;

export function alertName(description: number): string {
  return ALERT_NAMES[description] ?? `alert_${description}`;
}
