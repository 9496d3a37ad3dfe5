import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { FromSchema } from 'json-schema-to-ts';
import { parse as parseYaml } from 'yaml';
import { UsageError } from '../core/errors.js';
import { describeSchemaErrors, validatorFor } from '../core/schemas.js';
import { sha256 } from '../evidence/files.js';
import type { ConfigSchema } from './schema.generated.js';
import { firstLine } from '../core/text.js';

export const DEFAULT_CONFIG_FILE = 'annexa.config.yaml';

/**
 * annexa.config.yaml, typed from schemas/config.schema.json: a key added to
 * the schema is typed here with no other edit (scripts/config-types.mjs).
 */
export type AnnexaConfig = FromSchema<ConfigSchema>;
export type AwsSection = NonNullable<AnnexaConfig['aws']>;
export type GithubSection = NonNullable<AnnexaConfig['github']>;
export type TlsSection = NonNullable<AnnexaConfig['tls']>;

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
    throw new UsageError(
      `cannot read config ${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`,
    );
  }
  let data: unknown;
  try {
    data = parseYaml(bytes.toString('utf8')) ?? {};
  } catch (err) {
    // The parser's first line ends with a colon that introduces a code excerpt; the excerpt is not kept.
    throw new UsageError(`${file}: not valid YAML: ${firstLine((err as Error).message).replace(/:\s*$/, '')}`);
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
    ...(config.plugins
      ? { plugins: config.plugins.map((p) => ({ checks: abs(p.checks)!, ...(p.mapping ? { mapping: abs(p.mapping) } : {}) })) }
      : {}),
    ...(config.tls?.caFile ? { tls: { ...config.tls, caFile: abs(config.tls.caFile) } } : {}),
    ...(config.evidence?.manual
      ? { evidence: { ...config.evidence, manual: config.evidence.manual.map((m) => ({ ...m, file: abs(m.file)! })) } }
      : {}),
  };
}
