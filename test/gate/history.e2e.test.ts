import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { integrityProblems } from '../../src/evidence/run-folder.js';
import { after, before, writeRunFolder } from '../helpers/drift-runs.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { nth } from '../helpers/nth.js';

const E2E = { timeout: 180_000 };
const FIRST = '20261129T060000Z-aaaaaa';
const SECOND = '20261130T060000Z-bbbbbb';

async function twoRuns() {
  const out = path.join(await tempDir(), 'evidence');
  await writeRunFolder(out, FIRST, before, { passed: false, reason: '1 fail', rule: 'any fail or any error fails the gate' });
  await writeRunFolder(out, SECOND, after, { passed: false, reason: '2 fails and 1 error', rule: 'any fail or any error fails the gate' });
  return out;
}

describe('annexa diff and annexa history', () => {
  it('diff defaults to the last two complete runs and reports the known changes, as text and --json', async () => {
    const out = await twoRuns();
    const json = await runCli(['diff', '--out', out, '--json']);
    expect(json.code).toBe(0);
    const d = JSON.parse(json.stdout);
    expect([d.from, d.to]).toEqual([FIRST, SECOND]);
    expect(d.totals).toEqual({ newlyFailing: 2, fixed: 1, newlyErroring: 1, appeared: 1, disappeared: 1, regressedControls: 1 });
    const text = await runCli(['diff', FIRST, SECOND, '--out', out]);
    expect(text.stdout).toMatch(/regressed {2}A\.8\.24 {2}pass → error/);
    expect(text.stdout).toMatch(/aws\.s3\.versioning\n {2}newly failing {3}b1\n {2}newly failing {3}new\n {2}fixed {11}b2\n/);
  });

  it('diff with fewer than two runs, or an unknown run id, exits 2 with one line', async () => {
    const out = await twoRuns();
    expect((await runCli(['diff', '20261101T000000Z-cccccc', '--out', out])).stderr).toBe(
      `annexa: 20261101T000000Z-cccccc: no complete run with this id in ${out}\n`,
    );
    const empty = await runCli(['diff', '--out', path.join(out, 'nothing')]);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/holds 0 complete runs; diff needs two/);
  });

  it('history lists the runs with their gate verdicts and counts', async () => {
    const out = await twoRuns();
    const { stdout } = await runCli(['history', '--out', out, '--json']);
    const h = JSON.parse(stdout);
    expect(
      h.runs.map((r: { runId: string; gate: { passed: boolean }; counts: { fail: number } }) => [r.runId, r.gate.passed, r.counts.fail]),
    ).toEqual([
      [FIRST, false, 1],
      [SECOND, false, 2],
    ]);
    const text = await runCli(['history', '--out', out]);
    expect(text.stdout).toMatch(new RegExp(`${SECOND} {2}FAILED {3}\\s+2\\s+2\\s+1\\s+0 {2}1`));
  });
});

describe('drift at the end of a scan, and --notify-webhook', () => {
  const args = (out: string) => ['scan', '--sandbox', '--checks', 'aws.iam.root-mfa,aws.iam.console-mfa', '--out', out];

  /** A first real run, then edited so that every fail was a pass: the next scan regresses those controls. */
  async function regressingOut() {
    const out = path.join(await tempDir(), 'evidence');
    const first = JSON.parse((await runCli([...args(out), '--json'])).stdout);
    const dir = first.evidence.dir;
    const results = JSON.parse(await readFile(path.join(dir, 'results.json'), 'utf8'));
    for (const r of results.results) if (r.status === 'fail') r.status = 'pass';
    await writeFile(path.join(dir, 'results.json'), JSON.stringify(results));
    const controls = JSON.parse(await readFile(path.join(dir, 'controls.json'), 'utf8'));
    const regressing = controls.controls.filter((c: { status: string }) => c.status === 'fail').map((c: { id: string }) => c.id);
    for (const c of controls.controls) if (c.status === 'fail') c.status = 'pass';
    await writeFile(path.join(dir, 'controls.json'), JSON.stringify(controls));
    // Re-seal the edited files, as a run that really passed would be: a run whose files do not match
    // its manifest is not evidence, and is never the previous run.
    const manifest = JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8'));
    for (const name of ['results.json', 'controls.json']) {
      const content = await readFile(path.join(dir, name));
      manifest.files[name] = { sha256: createHash('sha256').update(content).digest('hex'), bytes: content.length };
    }
    await writeFile(path.join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    return { out, first: first.id as string, regressing: regressing as string[] };
  }

  it(
    'posts the drift summary, with a Slack-compatible text, to a receiver on loopback, and ends the summary with the drift line',
    E2E,
    async () => {
      const { out, first, regressing } = await regressingOut();
      expect(regressing.length).toBeGreaterThan(0);
      const received: { req: IncomingMessage; body: string }[] = [];
      const server = createServer((req, res) => {
        let body = '';
        req.on('data', (c) => (body += c));
        req.on('end', () => {
          received.push({ req, body });
          res.end('ok');
        });
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      try {
        const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/T000/B000/secret-part`;
        const r = await runCli([...args(out), '--notify-webhook', url]);
        expect(r.code).toBe(1);
        expect(r.stdout).toMatch(
          new RegExp(
            `\\nDrift since ${first}: \\d+ newly failing, 0 fixed, 0 newly erroring; controls regressed: ${regressing.join(', ')}\\n`,
          ),
        );
        expect(received).toHaveLength(1);
        const hook = nth(received, 0);
        expect(hook.req.method).toBe('POST');
        expect(hook.req.headers['content-type']).toBe('application/json');
        const payload = JSON.parse(hook.body);
        expect(payload.previousRunId).toBe(first);
        expect(payload.regressedControls.map((c: { id: string }) => c.id)).toEqual(regressing);
        expect(payload.text).toMatch(new RegExp(`^annexa: ${regressing.length} Annex A controls? regressed in run ${payload.runId}\\n• `));
        // The webhook URL is a secret (Slack puts its key in the path): no log line carries it.
        expect(r.stderr).not.toContain('secret-part');
        expect(r.stderr).toContain('"msg":"drift notification sent"');
      } finally {
        server.close();
      }
    },
  );

  it('a receiver that is down: the failure is logged, the exit code and the run are unchanged', E2E, async () => {
    const { out } = await regressingOut();
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    await new Promise((resolve) => server.close(resolve));
    const r = await runCli([...args(out), '--json', '--notify-webhook', `http://127.0.0.1:${port}/hook`]);
    expect(r.code).toBe(1);
    const log = r.stderr
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l));
    expect(log.find((l) => l.msg === 'drift notification failed')).toMatchObject({ level: 50, reason: 'ECONNREFUSED' });
    expect(await integrityProblems(JSON.parse(r.stdout).evidence.dir)).toEqual([]);
  });
});
