// Writes dist/src/core/validators/<name>.cjs: each JSON Schema of schemas/ (and the parts the code
// validates alone) compiled once, at build time, by ajv's standalone code generation, so that a
// built `annexa` does not compile schemas at every start-up (about 0.4 s of CPU, most of what a
// one-endpoint scan spent before probing). Run after `tsc` by `npm run build`; from sources
// (tsx, vitest) src/core/schemas.ts compiles with ajv on first use instead.
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import standalone from 'ajv/dist/standalone/index.js';

const root = path.resolve(import.meta.dirname, '..');
const out = process.argv[2] ?? path.join(root, 'dist', 'src', 'core', 'validators');
const schemasDir = path.join(root, 'schemas');
const BASE = 'https://annexa.dev/schemas/';
/** Parts of a schema that the code validates on their own (validatorFor(name, pointer)). */
const PARTS = [
  ['config', '#/definitions/exceptionsFile'],
  ['results', '#/definitions/result'],
];

// the same options as src/core/schemas.ts, plus the source code kept for the generator
const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true, code: { source: true } });
addFormats.default(ajv);
const names = readdirSync(schemasDir)
  .filter((f) => f.endsWith('.schema.json'))
  .map((f) => f.replace(/\.schema\.json$/, ''));
for (const name of names) ajv.addSchema(JSON.parse(readFileSync(path.join(schemasDir, `${name}.schema.json`), 'utf8')));

mkdirSync(out, { recursive: true });
for (const [name, pointer] of [...names.map((n) => [n, '']), ...PARTS]) {
  const validate = ajv.getSchema(`${BASE}${name}.schema.json${pointer}`);
  if (!validate) throw new Error(`schema-validators: no schema ${name}${pointer}`);
  writeFileSync(path.join(out, `${validatorFile(name, pointer)}`), standalone.default(ajv, validate));
}
process.stdout.write(`schema-validators: ${names.length + PARTS.length} validators in ${path.relative(root, out)}\n`);

/** The file name of one validator: src/core/schemas.ts's precompiledFile, which its test holds alike. */
function validatorFile(name, pointer) {
  return `${name}${pointer.replace(/[^A-Za-z0-9]+/g, '.')}.cjs`;
}
