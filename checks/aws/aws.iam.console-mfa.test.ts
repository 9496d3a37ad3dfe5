import { checkTester } from '../../src/testing/check-tester.js';
import { ACCOUNT, denied, iamFacts, report, root, TARGET, user } from '../../test/support/aws/facts.js';
import check from './aws.iam.console-mfa.js';

const userArn = (name: string) => `arn:aws:iam::${ACCOUNT}:user/${name}`;

checkTester(check, { target: TARGET }).run({
  'console users with MFA pass, those without fail; users without a password and root are not judged': {
    facts: iamFacts({
      credentialReport: report(
        root({ mfaActive: false }),
        user('alice', { passwordEnabled: true, mfaActive: true }),
        user('bob', { passwordEnabled: true }),
        user('ci'),
      ),
    }),
    results: [
      { resource: userArn('alice'), status: 'pass', messageId: 'mfa', observed: { user: 'alice', mfaActive: true } },
      { resource: userArn('bob'), status: 'fail', messageId: 'noMfa', observed: { user: 'bob', mfaActive: false } },
    ],
  },
  'no user with a console password is not applicable': {
    facts: iamFacts({ credentialReport: report(root(), user('ci')) }),
    results: [{ resource: TARGET.resource, status: 'not_applicable', messageId: 'noConsoleUsers' }],
  },
  'a denied report is an error naming the permission': {
    facts: iamFacts({ credentialReport: denied('iam:GetCredentialReport') }),
    results: [{ resource: TARGET.resource, status: 'error', messageId: 'notCollected', message: 'iam:GetCredentialReport' }],
  },
});
