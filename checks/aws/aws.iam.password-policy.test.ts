import { describe, expect, it } from 'vitest';
import { answers, failing, runCheck } from '../../src/testing/run-check.js';
import { TARGET } from '../../src/providers/aws/test-facts.js';
import check from './aws.iam.password-policy.js';

const strong = { MinimumPasswordLength: 14, PasswordReusePrevention: 24, ExpirePasswords: true, MaxPasswordAge: 90 };
const run = (passwordPolicy: () => Promise<unknown>, settings?: Record<string, number>) =>
  runCheck(check, { iam: { passwordPolicy } } as never, { target: TARGET, settings });

describe('aws.iam.password-policy', () => {
  it.each([
    ['meets the defaults', strong, 'pass'],
    ['stricter than the defaults', { ...strong, MinimumPasswordLength: 20, MaxPasswordAge: 30 }, 'pass'],
    ['too short', { ...strong, MinimumPasswordLength: 8 }, 'fail'],
    ['reuse too low', { ...strong, PasswordReusePrevention: 5 }, 'fail'],
    ['reuse unset', { ...strong, PasswordReusePrevention: undefined }, 'fail'],
    ['never expires', { ...strong, ExpirePasswords: false, MaxPasswordAge: undefined }, 'fail'],
    ['expires too late', { ...strong, MaxPasswordAge: 180 }, 'fail'],
    ['no policy at all', null, 'fail'],
  ])('%s → %s', async (_name, policy, status) => {
    const [r] = await run(answers(policy));
    expect(r).toMatchObject({ status, resource: TARGET.resource });
  });

  it('reads its thresholds from the settings', async () => {
    const [r] = await run(answers({ ...strong, MinimumPasswordLength: 12 }), { minimumLength: 12 });
    expect(r.status).toBe('pass');
    const [weak] = await run(answers(strong), { maxAgeDays: 60 });
    expect(weak).toMatchObject({ status: 'fail', message: expect.stringContaining('max age 90 > 60') });
  });

  it('errors naming the permission', async () => {
    const [r] = await run(failing({ permission: 'iam:GetAccountPasswordPolicy' }));
    expect(r).toMatchObject({ status: 'error', message: expect.stringContaining('iam:GetAccountPasswordPolicy') });
  });
});
