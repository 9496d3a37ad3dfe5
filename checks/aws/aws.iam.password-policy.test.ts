import { checkTester, type CheckCase } from '../../src/testing/check-tester.js';
import type { PasswordPolicy } from '../../src/providers/aws/types.js';
import { denied, iamFacts, TARGET } from '../../test/support/aws/facts.js';
import check from './aws.iam.password-policy.js';

const strong: PasswordPolicy = { MinimumPasswordLength: 14, PasswordReusePrevention: 24, ExpirePasswords: true, MaxPasswordAge: 90 };
const judged = (
  policy: PasswordPolicy,
  status: 'pass' | 'fail',
  observed: Record<string, unknown> = {},
  settings?: CheckCase<'aws'>['settings'],
): CheckCase<'aws'> => ({
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
  'passwords that never expire pass by default (expiry optional, NIST SP 800-63B)': judged(
    { ...strong, ExpirePasswords: false, MaxPasswordAge: undefined },
    'pass',
    { maxAgeDays: null },
  ),
  'with maxAgeDays set, passwords that never expire fail': judged(
    { ...strong, ExpirePasswords: false, MaxPasswordAge: undefined },
    'fail',
    { problems: ['max age none > 90 days'] },
    { maxAgeDays: 90 },
  ),
  'with maxAgeDays set, passwords that expire too late fail': judged(
    { ...strong, MaxPasswordAge: 180 },
    'fail',
    { problems: ['max age 180 > 90 days'] },
    { maxAgeDays: 90 },
  ),
  'with maxAgeDays set, a policy within it passes': judged(strong, 'pass', { maxAgeDays: 90 }, { maxAgeDays: 90 }),
  'the thresholds come from the settings': judged({ ...strong, MinimumPasswordLength: 12 }, 'pass', {}, { minimumLength: 12 }),
  'character classes are not judged by default': judged(strong, 'pass', {
    requires: { symbols: false, numbers: false, uppercase: false, lowercase: false },
  }),
  'a required character class the policy lacks fails, naming it': judged(
    { ...strong, RequireSymbols: true, RequireNumbers: true, RequireUppercaseCharacters: true },
    'fail',
    { problems: ['lowercase not required'], requires: { symbols: true, numbers: true, uppercase: true, lowercase: false } },
    { requireSymbols: true, requireNumbers: true, requireUppercase: true, requireLowercase: true },
  ),
  'every required character class present passes': judged(
    { ...strong, RequireSymbols: true, RequireNumbers: true, RequireUppercaseCharacters: true, RequireLowercaseCharacters: true },
    'pass',
    {},
    { requireSymbols: true, requireNumbers: true, requireUppercase: true, requireLowercase: true },
  ),
  'no password policy at all fails': {
    facts: iamFacts({ passwordPolicy: null }),
    results: [{ resource: TARGET.resource, status: 'fail', messageId: 'missing', observed: { policy: null } }],
  },
  'a denied read is an error naming the permission': {
    facts: iamFacts({ passwordPolicy: denied('iam:GetAccountPasswordPolicy') }),
    results: [{ resource: TARGET.resource, status: 'error', messageId: 'notCollected', message: 'iam:GetAccountPasswordPolicy' }],
  },
});
