// The library API: the CLI is a thin layer over these.
export { scan, FRAMEWORK, type ScanOptions, type ScanOutcome } from './scan.js';
export { defineCheck, type Check, type CheckContext, type CheckMetaOf, type ProviderFacts, type SettingValue } from './core/check.js';
export { FactError } from './core/facts.js';
export { UsageError } from './core/errors.js';
export { decideGate, type FailOn, type GateDecision, type GatePolicy } from './core/gate.js';
export { loadCheckCatalogue } from './core/catalogue.js';
export { loadCatalog, type Control, type ControlLink, type Mapping } from './core/mapping.js';
export { loadConfig, type AnnexaConfig } from './config/config.js';
export { integrityProblems, type Manifest } from './evidence/run-folder.js';
export { verifyRun, type VerifyOptions, type VerifyReport } from './evidence/verify.js';
export { readPublicKey, readPrivateKey, type ManifestSignature } from './evidence/sign.js';
export type { ControlRollup, ControlStatus } from './core/controls.js';
export type { Run, Budget } from './core/run.js';
export type { Provider, ProviderRuntime, SandboxHandle } from './core/provider.js';
export type * from './core/types.js';
export type { AwsFacts } from './providers/aws/types.js';
export type { GithubFacts } from './providers/github/types.js';
export type { TlsFacts } from './providers/tls/types.js';
