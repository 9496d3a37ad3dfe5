import { checkTester } from '../../src/testing/check-tester.js';
import { ACCOUNT, denied, iamFacts, report, root, TARGET } from '../../test/support/aws/facts.js';
import check from './aws.iam.root-mfa.js';

const ROOT = `arn:aws:iam::${ACCOUNT}:root`;
const virtual = [{ serialNumber: `arn:aws:iam::${ACCOUNT}:mfa/root-account-mfa-device`, userArn: ROOT }];

checkTester(check, { target: TARGET }).run({
  'a virtual device on root passes, typed virtual': {
    facts: iamFacts({ accountSummary: { AccountMFAEnabled: 1 }, credentialReport: report(root()), virtualMfaDevices: virtual }),
    results: [{ resource: ROOT, status: 'pass', messageId: 'enabled', observed: { mfaType: 'virtual', accountMfaEnabled: 1, reportMfaActive: true } }],
  },
  'MFA with no virtual device on root is hardware': {
    facts: iamFacts({ accountSummary: { AccountMFAEnabled: 1 }, credentialReport: report(root()), virtualMfaDevices: [] }),
    results: [{ resource: ROOT, status: 'pass', messageId: 'enabled', observed: { mfaType: 'hardware' } }],
  },
  'the type is unknown when the devices cannot be listed; the verdict stands on the two facts': {
    facts: iamFacts({ accountSummary: { AccountMFAEnabled: 1 }, credentialReport: report(root()), virtualMfaDevices: denied('iam:ListVirtualMFADevices') }),
    results: [{ resource: ROOT, status: 'pass', messageId: 'enabled', observed: { mfaType: 'unknown' } }],
  },
  'the account summary saying no MFA fails': {
    facts: iamFacts({ accountSummary: { AccountMFAEnabled: 0 }, credentialReport: report(root()), virtualMfaDevices: [] }),
    results: [{ resource: ROOT, status: 'fail', messageId: 'missing', observed: { accountMfaEnabled: 0, reportMfaActive: true } }],
  },
  'the credential report saying no MFA fails': {
    facts: iamFacts({ accountSummary: { AccountMFAEnabled: 1 }, credentialReport: report(root({ mfaActive: false })), virtualMfaDevices: [] }),
    results: [{ resource: ROOT, status: 'fail', messageId: 'missing', observed: { reportMfaActive: false } }],
  },
  'a denied account summary is an error naming the permission': {
    facts: iamFacts({ accountSummary: denied('iam:GetAccountSummary'), credentialReport: report(root()) }),
    results: [{ resource: TARGET.resource, status: 'error', messageId: 'notCollected', message: 'iam:GetAccountSummary' }],
  },
  'a report without a root row is missing data, not a verdict': {
    facts: iamFacts({ accountSummary: { AccountMFAEnabled: 1 }, credentialReport: report() }),
    results: [{ resource: ROOT, status: 'error', messageId: 'missingData', message: 'no <root_account> row', observed: { reason: { kind: 'missing' } } }],
  },
  'an account summary without AccountMFAEnabled is missing data': {
    facts: iamFacts({ accountSummary: {}, credentialReport: report(root()) }),
    results: [{ resource: ROOT, status: 'error', messageId: 'missingData', message: 'no AccountMFAEnabled' }],
  },
});
