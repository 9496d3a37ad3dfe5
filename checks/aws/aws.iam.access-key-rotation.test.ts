import { describe, expect, it } from 'vitest';
import { answers, failing, runCheck } from '../../src/testing/run-check.js';
import { key, report, root, TARGET, user } from '../../src/providers/aws/test-facts.js';
import check from './aws.iam.access-key-rotation.js';

// runCheck's clock is 2026-06-01.
const run = (credentialReport: () => Promise<unknown>, settings?: Record<string, number>) =>
  runCheck(check, { iam: { credentialReport } } as never, { target: TARGET, settings });

describe('aws.iam.access-key-rotation', () => {
  it('judges every user with an active key, root included', async () => {
    const results = await run(
      answers(
        report(
          root({ accessKeys: [key(1, '2025-01-01T00:00:00Z'), key(2, '2025-01-01T00:00:00Z', null, false)] }),
          user('fresh', { accessKeys: [key(1, '2026-04-01T00:00:00Z'), key(2, '2026-03-04T00:00:00Z')] }),
          user('stale', { accessKeys: [key(1, '2026-05-01T00:00:00Z'), key(2, '2026-01-01T00:00:00Z')] }),
          user('old-but-inactive', { accessKeys: [key(1, '2020-01-01T00:00:00Z', null, false), key(2, '2020-01-01T00:00:00Z', null, false)] }),
        ),
      ),
    );
    expect(results.map((r) => [r.resource.split(/[:/]/).pop(), r.status])).toEqual([
      ['root', 'fail'],
      ['fresh', 'pass'],
      ['stale', 'fail'],
    ]);
    expect(results[2].observed).toMatchObject({ staleSlots: [2] });
  });

  it('fails a key whose age cannot be read, and honours maxAgeDays', async () => {
    expect((await run(answers(report(user('u', { accessKeys: [key(1, 'not a date')] })))))[0].status).toBe('fail');
    expect((await run(answers(report(user('u', { accessKeys: [key(1, '2026-04-01T00:00:00Z')] }))), { maxAgeDays: 30 }))[0].status).toBe('fail');
  });

  it('is not applicable without active keys, and errors when the report is denied', async () => {
    expect((await run(answers(report(root(), user('a')))))[0].status).toBe('not_applicable');
    const [r] = await run(failing({ permission: 'iam:GetCredentialReport' }));
    expect(r).toMatchObject({ status: 'error', message: expect.stringContaining('iam:GetCredentialReport') });
  });
});
