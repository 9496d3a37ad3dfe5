import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { PACKAGE_ROOT } from '../package-info.js';
import { Ajv, type AnySchema, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

export const SCHEMAS_DIR = path.join(PACKAGE_ROOT, 'schemas');
export const SCHEMA_BASE = 'https://annexa.dev/schemas/';

// ajv-formats is CommonJS; its default export is the plugin under NodeNext resolution.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

let ajv: Ajv | undefined;

/** One Ajv holding every schema of schemas/, so that they can `$ref` each other by file name. */
function instance(): Ajv {
  if (ajv) return ajv;
  ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
  addFormats(ajv);
  for (const file of readdirSync(SCHEMAS_DIR).filter((f) => f.endsWith('.schema.json'))) {
    ajv.addSchema(JSON.parse(readFileSync(path.join(SCHEMAS_DIR, file), 'utf8')) as AnySchema);
  }
  return ajv;
}

/** The validator of `schemas/<name>.schema.json`, or of one of its parts (`#/definitions/result`). */
export function validatorFor(name: string, pointer = ''): ValidateFunction {
  const validate = instance().getSchema(`${SCHEMA_BASE}${name}.schema.json${pointer}`);
  if (!validate) throw new Error(`no schema ${name} in ${SCHEMAS_DIR}`);
  return validate;
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
