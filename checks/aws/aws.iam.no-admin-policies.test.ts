import { checkTester } from '../../src/testing/check-tester.js';
import { ACCOUNT, ADMIN_DOC, denied, details, iamFacts, READ_DOC, TARGET } from '../../test/support/aws/facts.js';
import check from './aws.iam.no-admin-policies.js';

const arn = (path: string) => `arn:aws:iam::${ACCOUNT}:${path}`;
const notAction = { Statement: [{ Effect: 'Allow', NotAction: 'iam:*', Resource: ['*'] }] };

checkTester(check, { target: TARGET }).run({
  'customer-managed policies are judged one by one, inline policies per principal': {
    facts: iamFacts({
      authorizationDetails: details({
        policies: [{ name: 'read', document: READ_DOC }, { name: 'god', document: ADMIN_DOC }, { name: 'almost', document: notAction }],
        roles: [{ name: 'app', inlinePolicies: [{ name: 'ok', document: READ_DOC }, { name: 'bad', document: ADMIN_DOC }] }],
        users: [{ name: 'ci', inlinePolicies: [{ name: 'ok', document: READ_DOC }] }],
      }),
    }),
    results: [
      { resource: arn('policy/read'), status: 'pass', messageId: 'scoped', observed: { policy: 'read', attachments: 1 } },
      { resource: arn('policy/god'), status: 'fail', messageId: 'admin', observed: { policy: 'god', statements: ADMIN_DOC.Statement } },
      { resource: arn('policy/almost'), status: 'fail', messageId: 'admin', observed: { policy: 'almost' } },
      { resource: arn('user/ci'), status: 'pass', messageId: 'scoped', observed: { policy: 'inline policies of ci' } },
      { resource: arn('role/app'), status: 'fail', messageId: 'admin', observed: { policy: 'inline policies of app' } },
    ],
  },
  'an account without customer or inline policies is not applicable': {
    facts: iamFacts({ authorizationDetails: details({ users: [{ name: 'a' }] }) }),
    results: [{ resource: TARGET.resource, status: 'not_applicable', messageId: 'noPolicies' }],
  },
  'denied authorization details are an error naming the permission': {
    facts: iamFacts({ authorizationDetails: denied('iam:GetAccountAuthorizationDetails') }),
    results: [{ resource: TARGET.resource, status: 'error', messageId: 'notCollected', message: 'iam:GetAccountAuthorizationDetails' }],
  },
});
