import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PACKAGE_ROOT } from '../package-info.js';
import { parse as parseYaml } from 'yaml';
import { UsageError } from '../core/errors.js';
import { describeSchemaErrors, validatorFor } from '../core/schemas.js';

export const SCENARIOS_DIR = path.join(PACKAGE_ROOT, 'fixtures/scenarios');
export const DEFAULT_SCENARIO = 'acme';

/** A described world: the sandbox renders each provider's section into a loopback emulator. */
export interface Scenario {
  name: string;
  description?: string;
  aws?: unknown;
  github?: unknown;
  tls?: unknown;
  [provider: string]: unknown;
}

/** `acme` names a built-in scenario; anything with a slash or a .yaml ending is a path. */
export function scenarioFile(nameOrPath: string): string {
  if (/[/\\]|\.ya?ml$/.test(nameOrPath)) return path.resolve(nameOrPath);
  return path.join(SCENARIOS_DIR, `${nameOrPath}.yaml`);
}

export function loadScenario(nameOrPath: string = DEFAULT_SCENARIO): Scenario {
  const file = scenarioFile(nameOrPath);
  if (!existsSync(file)) {
    throw new UsageError(`unknown scenario "${nameOrPath}": no file ${file} (built-in scenarios are in ${SCENARIOS_DIR})`);
  }
  let data: unknown;
  // A .json scenario (a generated estate) is read as JSON: the same data as YAML, without the YAML parser's
  // document tree, which for the bench estate costs about 100 MB and seconds of CPU in the scanning process.
  const json = file.endsWith('.json');
  try {
    data = json ? JSON.parse(readFileSync(file, 'utf8')) : parseYaml(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new UsageError(`${file}: not valid ${json ? 'JSON' : 'YAML'}: ${(err as Error).message}`);
  }
  const validate = validatorFor('scenario');
  if (!validate(data)) throw new UsageError(`${file}: invalid scenario: ${describeSchemaErrors(validate.errors).join('; ')}`);
  return data as Scenario;
}
