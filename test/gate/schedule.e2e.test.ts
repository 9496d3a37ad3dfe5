import { listRunFolders } from '../../src/history/runs.js';
import { spawnSync } from 'node:child_process';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { integrityProblems, MANIFEST } from '../../src/evidence/run-folder.js';
import { sha256 } from '../../src/evidence/files.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { nth } from '../helpers/nth.js';

const E2E = { timeout: 180_000 };
// In run order: two runs may start in the same second.
const runs = async (out: string) => (await listRunFolders(out)).map((f) => f.runId);
const manifestOf = async (dir: string) => JSON.parse(await readFile(path.join(dir, MANIFEST), 'utf8'));
const scanArgs = (out: string) => ['scan', '--sandbox', '--checks', 'aws.iam.root-mfa,tls.hsts', '--out', out, '--json'];

describe('scans on a schedule share one --out safely', () => {
  it(
    'two overlapping scans: without --lock-wait one exits 2 at once naming the holder; with it, the second waits and chains to the first',
    E2E,
    async () => {
      const out = path.join(await tempDir(), 'evidence');
      const [a, b] = await Promise.all([runCli(scanArgs(out)), runCli(scanArgs(out))]);
      const refused = [a, b].filter((r) => r.code === 2);
      expect(refused).toHaveLength(1);
      expect(refused[0]?.stderr).toMatch(
        new RegExp(
          `^annexa: ${out} is locked by another scan \\(pid ${process.pid} on ${hostname()}, since .*\\); retry later, or wait for it with --lock-wait SECONDS\\n$`,
        ),
      );
      expect(await runs(out)).toHaveLength(1);

      const [c, d] = await Promise.all([
        runCli([...scanArgs(out), '--lock-wait', '120s']),
        runCli([...scanArgs(out), '--lock-wait', '120s']),
      ]);
      expect([c.code, d.code].every((code) => code === 0 || code === 1)).toBe(true);
      const ids = await runs(out);
      expect(ids).toHaveLength(3);
      // One chain, no fork: each run names the one before it, and no two name the same.
      const manifests = await Promise.all(ids.map((id) => manifestOf(path.join(out, id))));
      expect(manifests[0].previous).toBeNull();
      for (let i = 1; i < ids.length; i++) {
        expect(manifests[i]?.previous).toEqual({
          runId: ids[i - 1],
          manifestSha256: sha256(await readFile(path.join(out, nth(ids, i - 1), MANIFEST))),
        });
        expect(await integrityProblems(path.join(out, nth(ids, i)))).toEqual([]);
      }
      expect((await readdir(out)).includes('.lock')).toBe(false);
    },
  );

  it('takes over a lock whose process is gone, and one older than --max-duration, with a log line', E2E, async () => {
    const out = path.join(await tempDir(), 'evidence');
    await mkdir(out, { recursive: true });
    const dead = spawnSync(process.execPath, ['-e', '']).pid!;
    await writeFile(path.join(out, '.lock'), JSON.stringify({ pid: dead, host: hostname(), startedAt: new Date().toISOString() }));
    const first = await runCli(scanArgs(out));
    expect([0, 1]).toContain(first.code);
    const log = first.stderr
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l));
    expect(log.find((l) => l.msg === 'took over a stale lock')).toMatchObject({ level: 40, why: `process ${dead} is no longer running` });

    // A live holder (this very process) that started two hours ago, against a 30-minute bound.
    await writeFile(
      path.join(out, '.lock'),
      JSON.stringify({ pid: process.pid, host: hostname(), startedAt: new Date(Date.now() - 7_200_000).toISOString() }),
    );
    const second = await runCli([...scanArgs(out), '--max-duration', '30m', '--keep', '1']);
    expect([0, 1]).toContain(second.code);
    expect(second.stderr).toContain('"msg":"took over a stale lock"');
    // --keep 1 after the run is written: the first run is pruned and noted.
    expect(await runs(out)).toEqual([JSON.parse(second.stdout).id]);
    expect(JSON.parse(await readFile(path.join(out, 'pruned.json'), 'utf8')).runs.map((p: { runId: string }) => p.runId)).toEqual([
      JSON.parse(first.stdout).id,
    ]);
  });

  it('--max-duration: checks unfinished at the deadline end as error, and the run is still written whole', E2E, async () => {
    const out = path.join(await tempDir(), 'evidence');
    const r = await runCli([...scanArgs(out), '--max-duration', '0.001s']);
    expect(r.code).toBe(1);
    const summary = JSON.parse(r.stdout);
    expect(summary.results.length).toBeGreaterThan(0);
    for (const result of summary.results) {
      expect(result.status).toBe('error');
      expect(result.message).toContain('the scan reached --max-duration (0.001s) before this check finished');
    }
    expect(await integrityProblems(summary.evidence.dir)).toEqual([]);
  });

  it('--out under /proc exits 2 at once', E2E, async () => {
    const r = await runCli(['scan', '--sandbox', '--out', '/proc/annexa-evidence']);
    expect(r.code).toBe(2);
    // ENOENT as root, EACCES otherwise: either way one line, not a hang.
    expect(r.stderr).toMatch(/^annexa: cannot (create|write to) output folder \/proc\/annexa-evidence: E[A-Z]+\n$/);
  });
});
