import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { ValidateFunction } from 'ajv';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { PACKAGE_ROOT } from '../package-info.js';
import { precompiledFile, validatorFor } from './schemas.js';

// inside the package, so that the validators resolve ajv's runtime helpers as dist/ does
const cache = path.join(PACKAGE_ROOT, 'node_modules', '.cache');
mkdirSync(cache, { recursive: true });
const dir = mkdtempSync(path.join(cache, 'annexa-validators-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const require = createRequire(import.meta.url);

describe('validators precompiled at build time (scripts/schema-validators.mjs)', () => {
  const run = spawnSync(process.execPath, [path.join(PACKAGE_ROOT, 'scripts', 'schema-validators.mjs'), dir], { encoding: 'utf8' });
  const precompiled = (file: string) => require(path.join(dir, file)) as ValidateFunction;
  const example = parse(readFileSync(path.join(PACKAGE_ROOT, 'annexa.config.example.yaml'), 'utf8')) as Record<string, unknown>;
  const cases: Array<[string, string, string, unknown]> = [
    ['config', '', 'the example config', example],
    ['config', '', 'an unknown key', { ...example, colour: 'red' }],
    ['config', '', 'a probe concurrency of 0', { tls: { probeConcurrency: 0 } }],
    [
      'config',
      '',
      'an unknown key and a probe concurrency of 0 (every error, not the first)',
      { colour: 'red', tls: { probeConcurrency: 0 } },
    ],
    [
      'config',
      '',
      'a date that is not one',
      { exceptions: [{ check: 'x', resources: ['y'], reason: 'r', approvedBy: 'a', expires: '2026-13-40' }] },
    ],
    ['config', '#/definitions/exceptionsFile', 'an exceptions file without exceptions', {}],
    ['results', '#/definitions/result', 'a result without a status', { checkId: 'tls.hsts', resource: 'tls:x:443' }],
  ];

  it('are written for every schema', () => {
    expect(run.status, run.stderr).toBe(0);
  });

  for (const [name, pointer, what, doc] of cases) {
    it(`judge ${what} as ajv compiling ${name}${pointer} does, with the same errors`, () => {
      const fresh = validatorFor(name, pointer);
      // named as validatorFor looks for it in dist/
      const built = precompiled(precompiledFile(name, pointer));
      expect(built(doc)).toBe(fresh(doc));
      expect(built.errors ?? null).toEqual(fresh.errors ?? null);
    });
  }
});
