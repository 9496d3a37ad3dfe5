/**
 * The raw TLS wire layer: hand-built ClientHellos and a ServerHello / alert
 * reader, for what Node's OpenSSL 3 will not offer (SSLv3, RC4, 3DES, EXPORT,
 * NULL, anonymous suites). No key exchange: each probe reads the server's
 * first answer and closes.
 */
export type { Alert, Endpoint, ProbeAnswer, TlsVersion } from './types.js';
export { TLS_VERSIONS } from './types.js';
export { probe, acceptedVersions, DEFAULT_MAX_SUITES_PER_HELLO, type ProbeOptions } from './probe.js';
export { enumerateSuites, type EnumerateOptions, type Enumeration } from './enumerate.js';
export { SUITES, suiteInfo, suiteByName, suitesFor, type KeyExchange, type SuiteInfo, type Weakness } from './suites.js';
export { VERSION_CODES, versionOfCode, alertName } from './constants.js';
export { fetchCertificateChain, type CertificateChain, type ChainOptions } from './fetch-chain.js';
export type { ChainAnswer } from './chain-reader.js';
