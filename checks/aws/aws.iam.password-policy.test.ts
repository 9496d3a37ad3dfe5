import { checkTester, type CheckCase } from '../../src/testing/check-tester.js';
import type { PasswordPolicy } from '../../src/providers/aws/types.js';
import { denied, iamFacts, TARGET } from '../../test/support/aws/facts.js';
import check from './aws.iam.password-policy.js';

const strong: PasswordPolicy = { MinimumPasswordLength: 14, PasswordReusePrevention: 24, ExpirePasswords: true, MaxPasswordAge: 90 };
const judged = (policy: PasswordPolicy, status: 'pass' | 'fail', observed: Record<string, unknown> = {}, settings?: CheckCase<'aws'>['settings']): CheckCase<'aws'> => ({
  facts: iamFacts({ passwordPolicy: policy }),
  settings,
  results: [{ resource: TARGET.resource, status, messageId: status === 'pass' ? 'meets' : 'weak', observed }],
});

checkTester(check, { target: TARGET }).run({
  'a policy meeting the defaults passes': judged(strong, 'pass', { minimumLength: 14, reusePrevention: 24, maxAgeDays: 90 }),
  'a stricter policy passes': judged({ ...strong, MinimumPasswordLength: 20, MaxPasswordAge: 30 }, 'pass'),
  'too short fails': judged({ ...strong, MinimumPasswordLength: 8 }, 'fail', { problems: ['minimum length 8 < 14'] }),
  'reuse prevention too low fails': judged({ ...strong, PasswordReusePrevention: 5 }, 'fail', { problems: ['reuse prevention 5 < 24'] }),
  'reuse prevention unset fails': judged({ ...strong, PasswordReusePrevention: undefined }, 'fail', { reusePrevention: 0 }),
  'passwords that never expire fail the maximum age': judged({ ...strong, ExpirePasswords: false, MaxPasswordAge: undefined }, 'fail', { maxAgeDays: null }),
  'passwords that expire too late fail': judged({ ...strong, MaxPasswordAge: 180 }, 'fail', { problems: ['max age 180 > 90 days'] }),
  'the thresholds come from the settings': judged({ ...strong, MinimumPasswordLength: 12 }, 'pass', {}, { minimumLength: 12 }),
  'a lower maximum age in the settings fails a 90-day policy': judged(strong, 'fail', { problems: ['max age 90 > 60 days'] }, { maxAgeDays: 60 }),
  'no password policy at all fails': {
    facts: iamFacts({ passwordPolicy: null }),
    results: [{ resource: TARGET.resource, status: 'fail', messageId: 'missing', observed: { policy: null } }],
  },
  'a denied read is an error naming the permission': {
    facts: iamFacts({ passwordPolicy: denied('iam:GetAccountPasswordPolicy') }),
    results: [{ resource: TARGET.resource, status: 'error', messageId: 'notCollected', message: 'iam:GetAccountPasswordPolicy' }],
  },
});
