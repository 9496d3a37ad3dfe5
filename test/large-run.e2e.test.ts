import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonText } from '../src/evidence/run-folder.js';
import { verifyRun } from '../src/evidence/verify.js';
import { generateEstate, type EstateSizes } from '../src/sandbox/generate/estate.js';
import { scan } from '../src/scan.js';
import { tempDir } from './helpers/cli.js';

/** A generated AWS estate big enough that each evidence file is written in many chunks (file-writer.ts writes 256 KiB at a time). */
const SIZES: EstateSizes = {
  iamUsers: 100,
  iamRoles: 10,
  iamPolicies: 10,
  buckets: 250,
  kmsKeys: 20,
  regions: 1,
  repos: 0,
  members: 0,
  tlsEndpoints: 0,
};

describe('a large run written piece by piece', () => {
  it('writes results.json and snapshot.json that validate, match the whole-document form and pass verify', async () => {
    const cwd = await tempDir();
    const file = path.join(cwd, 'estate.json');
    await writeFile(file, JSON.stringify(generateEstate({ seed: 5, sizes: SIZES, providers: ['aws'] })));
    const outcome = await scan({ sandbox: file, out: path.join(cwd, 'evidence'), env: {} });
    const dir = outcome.dir!;
    expect(outcome.run.results.length).toBeGreaterThan(1000);
    for (const name of ['results.json', 'snapshot.json']) expect((await stat(path.join(dir, name))).size).toBeGreaterThan(3 * 2 ** 18);

    // The same bytes as the whole document stringified at once: runs written before streaming verify alike.
    const { run } = outcome;
    const results = { runId: run.id, results: run.results, ...(run.exceptions?.length ? { exceptions: run.exceptions } : {}) };
    expect(await readFile(path.join(dir, 'results.json'), 'utf8')).toBe(jsonText(results));
    expect(await readFile(path.join(dir, 'snapshot.json'), 'utf8')).toBe(jsonText({ runId: run.id, facts: run.facts }));

    // verify checks every file against its schema and its hash, and re-evaluates each result from the snapshot.
    const report = await verifyRun(dir);
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.reevaluation?.reproduced).toBe(run.results.length);
  }, 240_000);
});
