import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PACKAGE_ROOT } from '../package-info.js';
import type { Ajv, AnySchema, ErrorObject, ValidateFunction } from 'ajv';

export const SCHEMAS_DIR = path.join(PACKAGE_ROOT, 'schemas');
export const SCHEMA_BASE = 'https://annexa.dev/schemas/';

/**
 * Validators compiled at build time (scripts/schema-validators.mjs writes them
 * beside the built module): compiling schemas at every start-up cost a scan
 * about 0.4 s of CPU. From sources (tsx, vitest) there are none, and ajv
 * compiles on first use.
 */
const PRECOMPILED_DIR = path.join(import.meta.dirname, 'validators');
// ajv and the precompiled validators are CommonJS: required on demand, so that a built scan never loads the compiler
const require = createRequire(import.meta.url);

let ajv: Ajv | undefined;

/** One Ajv holding every schema of schemas/, so that they can `$ref` each other by file name. */
function instance(): Ajv {
  if (ajv) return ajv;
  const { Ajv: Compiler } = require('ajv') as { Ajv: typeof Ajv };
  // ajv-formats' CommonJS export is the plugin itself
  const addFormats = require('ajv-formats') as (ajv: Ajv) => Ajv;
  ajv = new Compiler({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
  addFormats(ajv);
  for (const file of readdirSync(SCHEMAS_DIR).filter((f) => f.endsWith('.schema.json'))) {
    ajv.addSchema(JSON.parse(readFileSync(path.join(SCHEMAS_DIR, file), 'utf8')) as AnySchema);
  }
  return ajv;
}

/** The validator of `schemas/<name>.schema.json`, or of one of its parts (`#/definitions/result`). */
export function validatorFor(name: string, pointer = ''): ValidateFunction {
  const precompiled = path.join(PRECOMPILED_DIR, precompiledFile(name, pointer));
  if (existsSync(precompiled)) return require(precompiled) as ValidateFunction;
  const validate = instance().getSchema(`${SCHEMA_BASE}${name}.schema.json${pointer}`);
  if (!validate) throw new Error(`no schema ${name} in ${SCHEMAS_DIR}`);
  return validate;
}

/** The file name scripts/schema-validators.mjs gives the validator of `name` (and `pointer`); its test holds the two alike. */
export function precompiledFile(name: string, pointer = ''): string {
  return `${name}${pointer.replace(/[^A-Za-z0-9]+/g, '.')}.cjs`;
}

/** Ajv errors as lines a person can act on: where, and what was expected. */
export function describeSchemaErrors(errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((e) => {
    const where = e.instancePath ? e.instancePath.slice(1).replaceAll('/', '.') : '(top level)';
    if (e.keyword === 'additionalProperties') {
      const key = (e.params as { additionalProperty: string }).additionalProperty;
      return `${where === '(top level)' ? '' : `${where}.`}${key}: unknown key`;
    }
    if (e.keyword === 'enum')
      return `${where}: must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
    return `${where}: ${e.message}`;
  });
}

/** What keeps `doc` from matching the schema `name`, a line per error; empty when it matches. */
export function schemaProblems(name: string, doc: unknown): string[] {
  const validate = validatorFor(name);
  return validate(doc) ? [] : describeSchemaErrors(validate.errors);
}
