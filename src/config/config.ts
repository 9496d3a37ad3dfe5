import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { SettingValue } from '../core/check.js';
import { UsageError } from '../core/errors.js';
import { describeSchemaErrors, validatorFor } from '../core/schemas.js';
import type { Severity } from '../core/types.js';
import { sha256 } from '../evidence/files.js';
import type { Exclusion } from '../policy/applicability.js';
import type { Exception } from '../policy/exceptions.js';

export const DEFAULT_CONFIG_FILE = 'annexa.config.yaml';

export interface AwsSection {
  profile?: string;
  regions?: string[];
  accounts?: { roleArn: string; externalId?: string; sessionName?: string }[];
  organization?: { roleName: string; externalId?: string };
}

export interface GithubSection {
  orgs?: string[];
  tokenEnv?: string;
  apiUrl?: string;
  repositories?: { include?: string[]; exclude?: string[]; includeArchived?: boolean };
}

export type TlsProfileName = 'mozilla-intermediate' | 'mozilla-modern';

export interface TlsSection {
  caFile?: string;
  profile?: TlsProfileName;
  endpoints?: { host: string; port?: number; sni?: string; kind?: 'https' | 'tls'; profile?: TlsProfileName }[];
}

/** annexa.config.yaml, as schemas/config.schema.json describes it. */
export interface AnnexaConfig {
  out?: string;
  failOn?: Severity | 'none';
  concurrency?: number;
  checkTimeoutSeconds?: number;
  callTimeoutSeconds?: number;
  pools?: Record<string, number>;
  checks?: { include?: string[]; exclude?: string[] };
  settings?: Record<string, Record<string, SettingValue>>;
  plugins?: { checks: string; mapping?: string }[];
  aws?: AwsSection;
  github?: GithubSection;
  tls?: TlsSection;
  // Policy (src/policy/): risk acceptances, Statement of Applicability, severity by check.
  exceptions?: Exception[];
  exceptionsFile?: string;
  applicability?: { excluded?: Exclusion[] };
  severityOverrides?: Record<string, Severity>;
}

export interface LoadedConfig {
  /** The file read, or undefined when there was none. */
  file?: string;
  /** sha256 of the file's bytes, recorded in the manifest. */
  hash: string | null;
  config: AnnexaConfig;
}

/**
 * Reads the config named by `--config`, else `./annexa.config.yaml` when it
 * exists, else an empty config. Paths in it are made absolute against the
 * file's folder. Anything invalid is a UsageError naming file, key and what
 * was expected.
 */
export function loadConfig(explicit: string | undefined, cwd = process.cwd()): LoadedConfig {
  const file = path.resolve(cwd, explicit ?? DEFAULT_CONFIG_FILE);
  if (!explicit && !existsSync(file)) return { hash: null, config: {} };
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    throw new UsageError(`cannot read config ${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
  }
  let data: unknown;
  try {
    data = parseYaml(bytes.toString('utf8')) ?? {};
  } catch (err) {
    // The parser's first line ends with a colon that introduces a code excerpt; the excerpt is not kept.
    throw new UsageError(`${file}: not valid YAML: ${(err as Error).message.split('\n')[0].replace(/:\s*$/, '')}`);
  }
  const validate = validatorFor('config');
  if (!validate(data)) throw new UsageError(`${file}: ${describeSchemaErrors(validate.errors).join('; ')}`);
  return { file, hash: sha256(bytes), config: absolutePaths(data as AnnexaConfig, path.dirname(file)) };
}

function absolutePaths(config: AnnexaConfig, dir: string): AnnexaConfig {
  const abs = (p: string | undefined) => (p === undefined ? undefined : path.resolve(dir, p));
  return {
    ...config,
    ...(config.out ? { out: abs(config.out) } : {}),
    ...(config.exceptionsFile ? { exceptionsFile: abs(config.exceptionsFile) } : {}),
    ...(config.plugins ? { plugins: config.plugins.map((p) => ({ checks: abs(p.checks)!, ...(p.mapping ? { mapping: abs(p.mapping) } : {}) })) } : {}),
    ...(config.tls?.caFile ? { tls: { ...config.tls, caFile: abs(config.tls.caFile) } } : {}),
  };
}
