import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { validatorFor } from '../../src/core/schemas.js';
import type { Result } from '../../src/core/types.js';
import { sourced, type Exception } from '../../src/policy/exceptions.js';
import { scan } from '../../src/scan.js';
import { runCli, tempDir } from '../helpers/cli.js';

const readJson = async (file: string) => JSON.parse(await readFile(file, 'utf8'));
const day = (offsetDays: number, from = Date.now()) => new Date(from + offsetDays * 86_400_000).toISOString().slice(0, 10);
const CAROL = 'arn:aws:iam::418295730612:user/carol.jones';
const DAVE = 'arn:aws:iam::418295730612:user/dave.wilson';

describe('the gate policy in a config file, through the CLI', () => {
  it(
    'waives the fails an exception covers, warns of one that expires soon, excludes a control with its justification and skips the checks only it needed',
    { timeout: 120_000 },
    async () => {
      const dir = await tempDir();
      await writeFile(
        path.join(dir, 'annexa.config.yaml'),
        [
          'exceptions:',
          '  - check: aws.iam.console-mfa',
          `    resources: ["${CAROL}"]`,
          '    reason: hardware key on order',
          '    approvedBy: ciso@example.com',
          `    expires: "${day(200)}"`,
          '    ticket: RISK-7',
          'exceptionsFile: ./risk/exceptions.yaml',
          'applicability:',
          '  excluded:',
          '    - control: A.8.13',
          '      justification: No information is stored in AWS that needs a backup; it is all rebuilt from code.',
          'severityOverrides:',
          '  aws.iam.access-key-rotation: low',
        ].join('\n'),
      );
      await import('node:fs/promises').then((fs) => fs.mkdir(path.join(dir, 'risk')));
      await writeFile(
        path.join(dir, 'risk', 'exceptions.yaml'),
        [
          'exceptions:',
          '  - check: aws.iam.console-mfa',
          `    resources: ["${DAVE}"]`,
          '    reason: leaving next week',
          '    approvedBy: ciso@example.com',
          `    expires: "${day(10)}"`,
        ].join('\n'),
      );
      const args = [
        'scan',
        '--sandbox',
        '--checks',
        'aws.iam.console-mfa,aws.iam.access-key-rotation,aws.s3.versioning',
        '--out',
        'evidence',
      ];
      const json = await runCli([...args, '--json'], { cwd: dir });
      expect(json.stderr).not.toMatch(/annexa: /);
      // Schedulers read the logs: the exception ending soon is a warning there too.
      expect(json.stderr).toContain(`"expires":"${day(10)}","msg":"an exception expires within 30 days"`);
      const summary = JSON.parse(json.stdout);
      const runDir = summary.evidence.dir;

      const results: Result[] = (await readJson(path.join(runDir, 'results.json'))).results;
      const carol = results.find((r) => r.checkId === 'aws.iam.console-mfa' && r.resource === CAROL)!;
      expect(carol).toMatchObject({
        status: 'fail',
        waiver: {
          check: 'aws.iam.console-mfa',
          resources: [CAROL],
          approvedBy: 'ciso@example.com',
          reason: 'hardware key on order',
          ticket: 'RISK-7',
        },
      });
      expect(results.find((r) => r.resource === DAVE && r.checkId === 'aws.iam.console-mfa')?.waiver?.reason).toBe('leaving next week');
      expect(results.filter((r) => r.checkId === 'aws.iam.access-key-rotation').every((r) => r.severity === 'low')).toBe(true);

      expect(summary.scope.checks.sort()).toEqual(['aws.iam.access-key-rotation', 'aws.iam.console-mfa']);
      const controls = await readJson(path.join(runDir, 'controls.json'));
      expect(controls.controls.find((c: { id: string }) => c.id === 'A.8.13')).toMatchObject({
        status: 'excluded',
        exclusion: { justification: expect.stringMatching(/^No information/) },
      });
      expect(controls.summary.excluded).toBe(1);
      for (const name of ['results', 'controls', 'manifest']) {
        const validate = validatorFor(name);
        expect(validate(await readJson(path.join(runDir, `${name}.json`))), JSON.stringify(validate.errors)).toBe(true);
      }

      const text = await runCli(args, { cwd: dir });
      expect(text.stdout).toMatch(/Waived +2 fails by 2 exceptions in force/);
      expect(text.stdout).toContain(`the exception for aws.iam.console-mfa (${DAVE}) expires on ${day(10)}, within 30 days`);
      expect(text.stdout).not.toContain(`(${CAROL}) expires`);
      expect(text.stdout).toMatch(/Excluded by the Statement of Applicability\n {2}A\.8\.13 .*: No information is stored/);

      const listed = await runCli(['controls'], { cwd: dir });
      expect(listed.stdout).toMatch(/A\.8\.13 +excluded [^\n]*\n( +aws[^\n]*\n)? +not applicable: No information is stored/);
    },
  );

  it(
    'refuses a new exception with a past date or a missing field, naming the file and the entry (exit 2)',
    { timeout: 120_000 },
    async () => {
      const dir = await tempDir();
      const config = path.join(dir, 'annexa.config.yaml');
      await writeFile(
        config,
        `exceptions:\n  - check: aws.iam.console-mfa\n    resources: ["*"]\n    reason: r\n    approvedBy: me\n    expires: "${day(-3)}"\n`,
      );
      const past = await runCli(['scan', '--sandbox', '--checks', 'aws.iam.console-mfa'], { cwd: dir });
      expect(past.code).toBe(2);
      expect(past.stderr).toBe(
        `annexa: ${config}: exceptions.0.expires: ${day(-3)} is already past for a new exception (check aws.iam.console-mfa)\n`,
      );

      await writeFile(
        config,
        `exceptions:\n  - check: aws.iam.console-mfa\n    resources: ["*"]\n    reason: r\n    expires: "${day(3)}"\n`,
      );
      const missing = await runCli(['scan', '--sandbox'], { cwd: dir });
      expect(missing.code).toBe(2);
      expect(missing.stderr).toBe(`annexa: ${config}: exceptions.0: must have required property 'approvedBy'\n`);
    },
  );
});

describe('an exception over time (scan() with a pinned clock)', () => {
  const mfa = (expires: string): Exception => ({
    check: 'aws.iam.console-mfa',
    resources: ['arn:aws:iam::*:user/*'],
    reason: 'rollout',
    approvedBy: 'ciso',
    expires,
  });

  it('applies until its date, then lapses with a record of it; the gate fails again', { timeout: 120_000 }, async () => {
    const out = path.join(await tempDir(), 'evidence');
    const base = { sandbox: 'acme', checks: ['aws.iam.console-mfa'], out };
    const exceptions = sourced([mfa('2026-01-31')], 'annexa.config.yaml');
    const before = await scan({ ...base, exceptions, now: () => new Date('2026-01-20T08:00:00Z') });
    expect(before.gate.passed).toBe(true);
    expect(before.run.results.filter((r) => r.status === 'fail').every((r) => r.waiver?.expires === '2026-01-31')).toBe(true);
    expect(before.run.exceptions).toEqual([expect.objectContaining({ state: 'active', waived: expect.any(Number) })]);

    const after = await scan({ ...base, exceptions, now: () => new Date('2026-02-01T08:00:00Z') });
    expect(after.gate.passed).toBe(false);
    expect(after.run.results.some((r) => r.waiver)).toBe(false);
    expect(after.run.exceptions).toEqual([expect.objectContaining({ state: 'expired', waived: 0 })]);

    // A renewal is a new exception: its date must be ahead.
    await expect(
      scan({ ...base, exceptions: sourced([mfa('2026-01-15')], 'annexa.config.yaml'), now: () => new Date('2026-02-02T08:00:00Z') }),
    ).rejects.toThrow('annexa.config.yaml: exceptions.0.expires: 2026-01-15 is already past for a new exception');
  });
});
