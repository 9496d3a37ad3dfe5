import { checkTester } from '../../src/testing/check-tester.js';
import type { CheckCase } from '../../src/testing/check-tester.js';
import type { CredentialReportUser } from '../../src/providers/aws/types.js';
import { denied, iamFacts, key, report, root, TARGET, user } from '../../test/support/aws/facts.js';
import check from './aws.iam.unused-credentials.js';

// The tester's clock is 2026-06-01; 45 days before is 2026-04-17.
const console = (lastUsed: string | null, changed = '2026-01-01T00:00:00Z') => ({
  passwordEnabled: true,
  passwordLastUsed: lastUsed,
  passwordLastChanged: changed,
});
const one = (row: CredentialReportUser, status: 'pass' | 'fail', unused: string[]): CheckCase<'aws'> => ({
  facts: iamFacts({ credentialReport: report(root(), row) }),
  results: [
    {
      resource: row.arn,
      status,
      messageId: status === 'pass' ? 'inUse' : 'unused',
      observed: { user: row.user, maxUnusedDays: 45, unused },
    },
  ],
});

checkTester(check, { target: TARGET }).run({
  'a password used recently passes': one(user('u', console('2026-05-20T00:00:00Z')), 'pass', []),
  'a password unused for 60 days fails': one(user('u', console('2026-04-01T00:00:00Z')), 'fail', ['password']),
  'a password never used, set long ago, fails': one(user('u', console(null)), 'fail', ['password']),
  'a password never used, set last week, passes': one(user('u', console(null, '2026-05-25T00:00:00Z')), 'pass', []),
  'a key used yesterday passes': one(user('u', { accessKeys: [key(1, '2025-01-01T00:00:00Z', '2026-05-31T00:00:00Z')] }), 'pass', []),
  'a key unused since March fails': one(user('u', { accessKeys: [key(1, '2025-01-01T00:00:00Z', '2026-03-01T00:00:00Z')] }), 'fail', [
    'access key 1',
  ]),
  'a key never used, created long ago, fails': one(user('u', { accessKeys: [key(1, '2025-01-01T00:00:00Z')] }), 'fail', ['access key 1']),
  'a recent password does not cover a stale key': one(
    user('u', { ...console('2026-05-30T00:00:00Z'), accessKeys: [key(1, '2025-01-01T00:00:00Z')] }),
    'fail',
    ['access key 1'],
  ),
  'disabled credentials and root are not judged': {
    facts: iamFacts({ credentialReport: report(root({ passwordLastUsed: '2020-01-01T00:00:00Z' }), user('none')) }),
    results: [{ resource: TARGET.resource, status: 'not_applicable', messageId: 'noCredentials' }],
  },
  'a denied report is an error naming the permission': {
    facts: iamFacts({ credentialReport: denied('iam:GenerateCredentialReport') }),
    results: [{ resource: TARGET.resource, status: 'error', messageId: 'notCollected', message: 'iam:GenerateCredentialReport' }],
  },
});
