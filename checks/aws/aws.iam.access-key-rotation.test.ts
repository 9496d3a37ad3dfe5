import { checkTester } from '../../src/testing/check-tester.js';
import { ACCOUNT, denied, iamFacts, key, report, root, TARGET, user } from '../../test/support/aws/facts.js';
import check from './aws.iam.access-key-rotation.js';

// The tester's clock is 2026-06-01.
const userArn = (name: string) => `arn:aws:iam::${ACCOUNT}:user/${name}`;

checkTester(check, { target: TARGET }).run({
  'every user with an active key is judged, root included; inactive keys are ignored': {
    facts: iamFacts({
      credentialReport: report(
        root({ accessKeys: [key(1, '2025-01-01T00:00:00Z'), key(2, '2025-01-01T00:00:00Z', null, false)] }),
        user('fresh', { accessKeys: [key(1, '2026-04-01T00:00:00Z'), key(2, '2026-03-04T00:00:00Z')] }),
        user('stale', { accessKeys: [key(1, '2026-05-01T00:00:00Z'), key(2, '2026-01-01T00:00:00Z')] }),
        user('old-but-inactive', {
          accessKeys: [key(1, '2020-01-01T00:00:00Z', null, false), key(2, '2020-01-01T00:00:00Z', null, false)],
        }),
      ),
    }),
    results: [
      { resource: `arn:aws:iam::${ACCOUNT}:root`, status: 'fail', messageId: 'stale', observed: { staleSlots: [1] } },
      { resource: userArn('fresh'), status: 'pass', messageId: 'fresh', observed: { user: 'fresh', maxAgeDays: 90, staleSlots: [] } },
      { resource: userArn('stale'), status: 'fail', messageId: 'stale', observed: { user: 'stale', maxAgeDays: 90, staleSlots: [2] } },
    ],
  },
  'a key whose age cannot be read is not known to be fresh': {
    facts: iamFacts({ credentialReport: report(user('u', { accessKeys: [key(1, 'not a date')] })) }),
    results: [
      { resource: userArn('u'), status: 'fail', messageId: 'stale', observed: { staleSlots: [1], keys: [{ slot: 1, ageDays: null }] } },
    ],
  },
  'maxAgeDays is read from the settings': {
    facts: iamFacts({ credentialReport: report(user('u', { accessKeys: [key(1, '2026-04-01T00:00:00Z')] })) }),
    settings: { maxAgeDays: 30 },
    results: [{ resource: userArn('u'), status: 'fail', messageId: 'stale', message: 'older than 30 days: 1' }],
  },
  'no active key anywhere is not applicable': {
    facts: iamFacts({ credentialReport: report(root(), user('a')) }),
    results: [{ resource: TARGET.resource, status: 'not_applicable', messageId: 'noKeys' }],
  },
  'a denied report is an error naming the permission': {
    facts: iamFacts({ credentialReport: denied('iam:GetCredentialReport') }),
    results: [{ resource: TARGET.resource, status: 'error', messageId: 'notCollected', message: 'iam:GetCredentialReport' }],
  },
});
