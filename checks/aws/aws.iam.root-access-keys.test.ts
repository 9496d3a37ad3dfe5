import { checkTester } from '../../src/testing/check-tester.js';
import { ACCOUNT, denied, iamFacts, key, report, root, TARGET } from '../../test/support/aws/facts.js';
import check from './aws.iam.root-access-keys.js';

const ROOT = `arn:aws:iam::${ACCOUNT}:root`;

checkTester(check, { target: TARGET }).run({
  'a root user without keys passes': {
    facts: iamFacts({ credentialReport: report(root()) }),
    results: [{ resource: ROOT, status: 'pass', messageId: 'none', observed: { activeSlots: [] } }],
  },
  'inactive root keys pass': {
    facts: iamFacts({
      credentialReport: report(
        root({ accessKeys: [key(1, '2024-01-01T00:00:00Z', null, false), key(2, '2024-01-01T00:00:00Z', null, false)] }),
      ),
    }),
    results: [{ resource: ROOT, status: 'pass', messageId: 'none', observed: { activeSlots: [] } }],
  },
  'an active root key fails, naming its slot': {
    facts: iamFacts({
      credentialReport: report(root({ accessKeys: [key(1, '2024-01-01T00:00:00Z', null, false), key(2, '2026-05-01T00:00:00Z')] })),
    }),
    results: [{ resource: ROOT, status: 'fail', messageId: 'active', observed: { activeSlots: [2] }, message: 'slot(s) 2' }],
  },
  'a report without a root row is missing data, not a verdict': {
    facts: iamFacts({ credentialReport: report() }),
    results: [
      {
        resource: ROOT,
        status: 'error',
        messageId: 'missingData',
        observed: { reason: { kind: 'missing' } },
        message: 'no <root_account> row',
      },
    ],
  },
  'a denied report is an error naming the permission': {
    facts: iamFacts({ credentialReport: denied('iam:GenerateCredentialReport') }),
    results: [{ resource: TARGET.resource, status: 'error', messageId: 'notCollected', message: 'iam:GenerateCredentialReport' }],
  },
});
