import path from 'node:path';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import type { Run } from '../src/core/run.js';
import { ownsUnit, parseShard, shardOf } from '../src/core/shard.js';
import type { FactRecord, Result } from '../src/core/types.js';
import { BENCH_ESTATE, generateEstate } from '../src/sandbox/generate/estate.js';
import { sha256 } from '../src/evidence/files.js';
import { mergeShards } from '../src/evidence/merge.js';
import { jsonText, MANIFEST, type Manifest } from '../src/evidence/run-folder.js';
import { SHARDS_FOLDER } from '../src/evidence/shard-results.js';
import { verifyRun } from '../src/evidence/verify.js';
import { scan } from '../src/scan.js';
import { runCli, tempDir } from './helpers/cli.js';
import { unported } from './helpers/per-sandbox.js';

const log = pino({ level: 'silent' });
const verdicts = (results: Result[]) => results.map((r) => unported(`${r.checkId} ${r.resource} ${r.status} ${r.message}`)).sort();

describe('--shard I/N', () => {
  it('takes I from $JOB_COMPLETION_INDEX when it is omitted, and refuses an index out of range', () => {
    expect(parseShard('2/4', {})).toEqual({ index: 2, count: 4 });
    expect(parseShard('/4', { JOB_COMPLETION_INDEX: '3' })).toEqual({ index: 3, count: 4 });
    expect(parseShard('4', { JOB_COMPLETION_INDEX: '0' })).toEqual({ index: 0, count: 4 });
    expect(() => parseShard('/4', {})).toThrow(/JOB_COMPLETION_INDEX/);
    expect(() => parseShard('4/4', {})).toThrow(/from 0 to 3/);
  });

  it('moves no other target when a target is added, and few when a shard is added', () => {
    const ids = Array.from({ length: 400 }, (_, i) => `github:org-${i}`);
    const before = ids.map((id) => shardOf(id, 4));
    expect(new Set(before).size).toBe(4);
    const grown = ids.map((id) => shardOf(id, 5));
    const moved = grown.filter((s, i) => s !== before[i]).length;
    // Only the targets that go to the new shard move: about a fifth.
    expect(grown.filter((s, i) => s !== before[i] && s !== 4)).toEqual([]);
    expect(moved).toBeLessThan(ids.length / 3);
  });
});

/** 4 shards of a scenario and one unsharded scan of it, each with its own sandbox. */
async function shardsAndWhole(sandbox: string, cwd: string) {
  const base = { sandbox, env: {} };
  const whole = await scan({ ...base, out: path.join(cwd, 'whole') });
  const shards = [];
  for (let index = 0; index < 4; index++)
    shards.push(await scan({ ...base, out: path.join(cwd, `shard-${index}`), shard: { index, count: 4 } }));
  const merged = await mergeShards(
    shards.map((s) => s.dir!),
    path.join(cwd, 'merged'),
    log,
  );
  return { whole, shards, merged };
}

/** The same results, counts and control verdicts as the unsharded scan, and a merged run that passes verify in full. */
async function expectSameAsWhole({ whole, merged }: Awaited<ReturnType<typeof shardsAndWhole>>) {
  expect(verdicts(merged.run.results)).toEqual(verdicts(whole.run.results));
  expect(merged.run.counts).toEqual(whole.run.counts);
  const who = (run: Run) => run.identities.map((i) => unported(i.target)).sort();
  expect(who(merged.run)).toEqual(who(whole.run));
  expect(merged.run.controls.map((c) => [c.id, c.status])).toEqual(whole.run.controls.map((c) => [c.id, c.status]));
  const report = await verifyRun(merged.dir);
  expect(report.problems).toEqual([]);
  expect(report.ok).toBe(true);
  expect(report.reevaluation!.reproduced).toBe(merged.run.results.length);
}

/** Rewrites shard I's copy of snapshot.json in a merged run, and every hash above it, as a forger would: the manifest stays unsigned. */
async function malformShardSnapshot(dir: string, index: number): Promise<void> {
  const copy = `${SHARDS_FOLDER}/${index}`;
  const snapshot = Buffer.from(jsonText({ runId: 'forged', facts: 'none' }));
  await writeFile(path.join(dir, copy, 'snapshot.json'), snapshot);
  const shardManifest = JSON.parse(await readFile(path.join(dir, copy, MANIFEST), 'utf8')) as Manifest;
  shardManifest.files['snapshot.json'] = { sha256: sha256(snapshot), bytes: snapshot.length };
  const shardBytes = Buffer.from(jsonText(shardManifest));
  await writeFile(path.join(dir, copy, MANIFEST), shardBytes);
  const manifest = JSON.parse(await readFile(path.join(dir, MANIFEST), 'utf8')) as Manifest;
  manifest.files[`${copy}/snapshot.json`] = { sha256: sha256(snapshot), bytes: snapshot.length };
  manifest.files[`${copy}/${MANIFEST}`] = { sha256: sha256(shardBytes), bytes: shardBytes.length };
  manifest.scope.mergeOf!.find((m) => m.index === index)!.manifestSha256 = sha256(shardBytes);
  await writeFile(path.join(dir, MANIFEST), jsonText(manifest));
}

describe('4 shards of the acme sandbox, merged', () => {
  it('give the results of one unsharded scan, in a run folder that passes verify', async () => {
    const cwd = await tempDir('annexa-shard-');
    const { whole, shards, merged } = await shardsAndWhole('acme', cwd);
    // Every target or share of one is in some shard; whole targets are in one shard only.
    const targets = shards.map((s) => s.run.scope.targets.map((t) => t.id));
    expect(new Set(targets.flat().map(unported))).toEqual(new Set(whole.run.scope.targets.map((t) => unported(t.id))));
    for (const t of whole.run.scope.targets.filter((t) => t.provider !== 'aws'))
      expect(targets.filter((ids) => ids.map(unported).includes(unported(t.id)))).toHaveLength(1);
    expect(targets.filter((t) => t.length).length).toBeGreaterThan(1);
    await expectSameAsWhole({ whole, shards, merged });
    // Each shard is judged at its own clock, recorded in the merged manifest.
    expect(merged.run.scope.mergeOf!.map((m) => [m.index, m.startedAt])).toEqual(shards.map((s, i) => [i, s.run.startedAt]));

    // Refusals: a shard missing, a shard twice, a run that is not a shard.
    const dirs = shards.map((s) => s.dir!);
    const refuse = async (args: string[]) => {
      const r = await runCli(['merge', ...args, '--out', path.join(cwd, 'refused')], { cwd });
      expect(r.code).toBe(2);
      return r.stderr;
    };
    expect(await refuse(dirs.slice(0, 3))).toMatch(/shard\(s\) 3\/4 missing/);
    expect(await refuse([...dirs, dirs[0]!])).toMatch(/shard 0\/4 is given twice/);
    expect(await refuse([whole.dir!, ...dirs.slice(1)])).toMatch(/not a shard run/);
    // And through the CLI, the merge of all four, which verify passes.
    const ok = await runCli(['merge', ...dirs, '--out', 'merged-cli'], { cwd });
    expect(ok.code, ok.stderr).toBe(0);
    const verified = await runCli(['verify', ok.stdout.trim()], { cwd });
    expect(verified.code, verified.stdout + verified.stderr).toBe(0);

    // A shard's copy whose every hash was made to agree but whose snapshot is not of the shape annexa writes:
    // verify names it instead of re-evaluating (or crashing on) what it cannot read.
    await malformShardSnapshot(merged.dir, 0);
    const malformed = await verifyRun(merged.dir);
    expect(malformed.ok).toBe(false);
    expect(malformed.problems.join('\n')).toMatch(
      /shard 0: its copy cannot be re-evaluated \(shards\/0\/snapshot\.json does not match the snapshot schema/,
    );
  }, 300_000);
});

describe('4 shards of a generated estate (the bench estate, small), merged', () => {
  it('split each AWS account by region: regional facts in the owning shard, account-wide ones in one, no result lost or doubled', async () => {
    const cwd = await tempDir('annexa-shard-estate-');
    const file = path.join(cwd, 'estate.json');
    const sizes = {
      ...BENCH_ESTATE,
      iamUsers: 30,
      iamRoles: 6,
      iamPolicies: 6,
      buckets: 48,
      kmsKeys: 16,
      repos: 12,
      members: 8,
      tlsEndpoints: 4,
    };
    await writeFile(file, JSON.stringify(generateEstate({ seed: 5, sizes })));
    const run = await shardsAndWhole(file, cwd);
    await expectSameAsWhole(run);

    const account = run.whole.run.scope.targets.find((t) => t.provider === 'aws')!.id;
    const regions = run.whole.run.facts.find((f) => f.ref === `${account}/aws.regions`)!.value as string[];
    expect(regions).toHaveLength(4);
    // The account is split: more than one shard holds a share of it.
    const holders = run.shards.filter((s) => s.run.scope.targets.some((t) => t.id === account));
    expect(holders.length).toBeGreaterThan(1);
    const inRegion = (f: FactRecord) => regions.find((r) => f.key.includes(`(${r}`) || f.key.includes(`${r})`));
    for (const [index, s] of run.shards.entries()) {
      const shard = { index, count: 4 };
      for (const f of s.run.facts.filter((f) => f.target === account)) {
        const region = inRegion(f);
        // A regional fact is fetched by the shard that owns (account, region) — or, read by an account-wide check, by the account-wide shard.
        if (region && !f.key.startsWith('aws.cloudtrail.')) expect([f.key, ownsUnit(`${account}/${region}`, shard)]).toEqual([f.key, true]);
        if (f.key.startsWith('aws.iam.')) expect(ownsUnit(account, shard)).toBe(true);
      }
    }
    // Each account-wide fact is fetched by exactly one shard.
    for (const key of run.whole.run.facts.filter((f) => f.key.startsWith('aws.iam.')).map((f) => f.key))
      expect([key, run.shards.filter((s) => s.run.facts.some((f) => f.target === account && f.key === key)).length]).toEqual([key, 1]);
    // Every regional fact of the unsharded scan is fetched once over the shards.
    for (const f of run.whole.run.facts.filter((f) => f.target === account && inRegion(f) && !f.key.startsWith('aws.cloudtrail.')))
      expect([f.key, run.shards.filter((s) => s.run.facts.some((g) => g.ref === f.ref)).length]).toEqual([f.key, 1]);
    // No result is lost or doubled: the merged results are the unsharded ones, each once.
    const keys = (results: Result[]) => results.map((r) => `${r.checkId} ${unported(r.resource)}`).sort();
    expect(keys(run.merged.run.results)).toEqual(keys(run.whole.run.results));
    // Replayed, the merged snapshot judges each split account once, whole, as the unsharded scan did.
    const replayed = await scan({ replay: run.merged.dir, out: false, env: {} });
    expect(verdicts(replayed.run.results)).toEqual(verdicts(run.whole.run.results));
  }, 300_000);
});
