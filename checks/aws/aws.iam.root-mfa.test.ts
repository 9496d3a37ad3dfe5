import { checkTester } from '../../src/testing/check-tester.js';
import { ACCOUNT, denied, iamFacts, key, report, root, TARGET } from '../../test/support/aws/facts.js';
import check from './aws.iam.root-mfa.js';

const ROOT = `arn:aws:iam::${ACCOUNT}:root`;
const virtual = [{ serialNumber: `arn:aws:iam::${ACCOUNT}:mfa/root-account-mfa-device`, userArn: ROOT }];

checkTester(check, { target: TARGET }).run({
  'a virtual device on root passes, typed virtual': {
    facts: iamFacts({ accountSummary: { AccountMFAEnabled: 1 }, credentialReport: report(root()), virtualMfaDevices: virtual }),
    results: [
      {
        resource: ROOT,
        status: 'pass',
        messageId: 'enabled',
        observed: { mfaType: 'virtual', accountMfaEnabled: 1, reportMfaActive: true },
      },
    ],
  },
  'MFA with no virtual device on root is hardware': {
    facts: iamFacts({ accountSummary: { AccountMFAEnabled: 1 }, credentialReport: report(root()), virtualMfaDevices: [] }),
    results: [{ resource: ROOT, status: 'pass', messageId: 'enabled', observed: { mfaType: 'hardware' } }],
  },
  'the type is unknown when the devices cannot be listed; the verdict stands on the two facts': {
    facts: iamFacts({
      accountSummary: { AccountMFAEnabled: 1 },
      credentialReport: report(root()),
      virtualMfaDevices: denied('iam:ListVirtualMFADevices'),
    }),
    results: [{ resource: ROOT, status: 'pass', messageId: 'enabled', observed: { mfaType: 'unknown' } }],
  },
  'the account summary saying no MFA fails': {
    facts: iamFacts({ accountSummary: { AccountMFAEnabled: 0 }, credentialReport: report(root()), virtualMfaDevices: [] }),
    results: [{ resource: ROOT, status: 'fail', messageId: 'missing', observed: { accountMfaEnabled: 0, reportMfaActive: true } }],
  },
  'the credential report saying no MFA fails': {
    facts: iamFacts({
      accountSummary: { AccountMFAEnabled: 1 },
      credentialReport: report(root({ mfaActive: false })),
      virtualMfaDevices: [],
    }),
    results: [{ resource: ROOT, status: 'fail', messageId: 'missing', observed: { reportMfaActive: false } }],
  },
  'a member account whose root credentials were removed centrally passes with that reason': {
    facts: iamFacts({
      accountSummary: { AccountMFAEnabled: 0 },
      credentialReport: report(root({ passwordEnabled: false, mfaActive: false })),
    }),
    results: [
      {
        resource: ROOT,
        status: 'pass',
        messageId: 'noCredentials',
        observed: { passwordEnabled: false, activeKeys: 0, accountMfaEnabled: 0 },
      },
    ],
  },
  'no root password but an active root key, without MFA, fails': {
    facts: iamFacts({
      accountSummary: { AccountMFAEnabled: 0 },
      credentialReport: report(
        root({
          passwordEnabled: false,
          mfaActive: false,
          accessKeys: [key(1, '2025-01-01T00:00:00Z'), key(2, '2025-01-01T00:00:00Z', null, false)],
        }),
      ),
    }),
    results: [{ resource: ROOT, status: 'fail', messageId: 'missing', observed: { passwordEnabled: false, activeKeys: 1 } }],
  },
  'a root password without MFA fails': {
    facts: iamFacts({
      accountSummary: { AccountMFAEnabled: 0 },
      credentialReport: report(root({ passwordEnabled: true, mfaActive: false })),
    }),
    results: [{ resource: ROOT, status: 'fail', messageId: 'missing', observed: { passwordEnabled: true, activeKeys: 0 } }],
  },
  'a denied account summary is an error naming the permission': {
    facts: iamFacts({ accountSummary: denied('iam:GetAccountSummary'), credentialReport: report(root()) }),
    results: [{ resource: TARGET.resource, status: 'error', messageId: 'notCollected', message: 'iam:GetAccountSummary' }],
  },
  'a report without a root row is missing data, not a verdict': {
    facts: iamFacts({ accountSummary: { AccountMFAEnabled: 1 }, credentialReport: report() }),
    results: [
      {
        resource: ROOT,
        status: 'error',
        messageId: 'missingData',
        message: 'no <root_account> row',
        observed: { reason: { kind: 'missing' } },
      },
    ],
  },
  'an account summary without AccountMFAEnabled is missing data': {
    facts: iamFacts({ accountSummary: {}, credentialReport: report(root()) }),
    results: [{ resource: ROOT, status: 'error', messageId: 'missingData', message: 'no AccountMFAEnabled' }],
  },
});
