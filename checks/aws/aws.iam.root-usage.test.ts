import { checkTester } from '../../src/testing/check-tester.js';
import { ACCOUNT, denied, iamFacts, key, report, root, TARGET } from '../../test/support/aws/facts.js';
import check from './aws.iam.root-usage.js';

const ROOT = `arn:aws:iam::${ACCOUNT}:root`;
// The tester's clock is 2026-06-01T00:00:00Z.
const DAYS_AGO = (days: number) => new Date(Date.parse('2026-06-01T00:00:00Z') - days * 86_400_000).toISOString();

checkTester(check, { target: TARGET }).run({
  'a root user with no recorded use (N/A, no_information) passes': {
    facts: iamFacts({ credentialReport: report(root()) }),
    results: [{ resource: ROOT, status: 'pass', messageId: 'unused', observed: { uses: [], daysAgo: null, recentDays: 30 } }],
  },
  'a root sign-in and a root key used longer ago than recentDays pass': {
    facts: iamFacts({
      credentialReport: report(root({ passwordLastUsed: DAYS_AGO(210), accessKeys: [key(1, DAYS_AGO(1400), DAYS_AGO(31))] })),
    }),
    results: [{ resource: ROOT, status: 'pass', messageId: 'unused', observed: { daysAgo: 31, credential: 'access key 1' } }],
  },
  'a root sign-in within recentDays fails, naming the credential and when': {
    facts: iamFacts({ credentialReport: report(root({ passwordLastUsed: DAYS_AGO(12) })) }),
    results: [
      { resource: ROOT, status: 'fail', messageId: 'used', observed: { daysAgo: 12, credential: 'password' }, message: '12 day(s) ago' },
    ],
  },
  'the most recent of the credentials decides: a root key used today fails': {
    facts: iamFacts({
      credentialReport: report(
        root({ passwordLastUsed: DAYS_AGO(400), accessKeys: [key(1, DAYS_AGO(900)), key(2, DAYS_AGO(900), DAYS_AGO(0))] }),
      ),
    }),
    results: [{ resource: ROOT, status: 'fail', messageId: 'used', observed: { daysAgo: 0, credential: 'access key 2' } }],
  },
  'recentDays is a setting: a use 12 days ago passes a 7-day window': {
    settings: { recentDays: 7 },
    facts: iamFacts({ credentialReport: report(root({ passwordLastUsed: DAYS_AGO(12) })) }),
    results: [{ resource: ROOT, status: 'pass', messageId: 'unused', observed: { recentDays: 7, daysAgo: 12 } }],
  },
  'a last-used date that is not a date is missing data, not a pass': {
    facts: iamFacts({ credentialReport: report(root({ passwordLastUsed: 'yesterday' })) }),
    results: [
      { resource: ROOT, status: 'error', messageId: 'missingData', observed: { reason: { kind: 'missing' } }, message: '"yesterday"' },
    ],
  },
  'a report without a root row is missing data, not a verdict': {
    facts: iamFacts({ credentialReport: report() }),
    results: [{ resource: ROOT, status: 'error', messageId: 'missingData', message: 'no <root_account> row' }],
  },
  'a denied report is an error naming the permission': {
    facts: iamFacts({ credentialReport: denied('iam:GenerateCredentialReport') }),
    results: [{ resource: TARGET.resource, status: 'error', messageId: 'notCollected', message: 'iam:GenerateCredentialReport' }],
  },
});
