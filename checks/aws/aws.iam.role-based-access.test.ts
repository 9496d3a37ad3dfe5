import { checkTester } from '../../src/testing/check-tester.js';
import { ACCOUNT, ADMINISTRATOR_ACCESS, denied, details, iamFacts, READ_DOC, TARGET } from '../../test/support/aws/facts.js';
import check from './aws.iam.role-based-access.js';

const userArn = (name: string) => `arn:aws:iam::${ACCOUNT}:user/${name}`;

checkTester(check, { target: TARGET }).run({
  'users with groups only pass; attached and inline user policies fail': {
    facts: iamFacts({
      authorizationDetails: details({
        users: [
          { name: 'grouped', groups: ['dev'] },
          { name: 'attached', attachedPolicies: [ADMINISTRATOR_ACCESS] },
          { name: 'inline', inlinePolicies: [{ name: 'read', document: READ_DOC }] },
        ],
      }),
    }),
    results: [
      {
        resource: userArn('grouped'),
        status: 'pass',
        messageId: 'viaGroups',
        observed: { user: 'grouped', groups: ['dev'], policies: [] },
      },
      {
        resource: userArn('attached'),
        status: 'fail',
        messageId: 'direct',
        observed: { user: 'attached', policies: ['AdministratorAccess'] },
      },
      { resource: userArn('inline'), status: 'fail', messageId: 'direct', observed: { policies: ['read (inline)'] } },
    ],
  },
  'an account without IAM users is not applicable': {
    facts: iamFacts({ authorizationDetails: details({}) }),
    results: [{ resource: TARGET.resource, status: 'not_applicable', messageId: 'noUsers' }],
  },
  'denied authorization details are an error naming the permission': {
    facts: iamFacts({ authorizationDetails: denied('iam:GetAccountAuthorizationDetails') }),
    results: [{ resource: TARGET.resource, status: 'error', messageId: 'notCollected', message: 'iam:GetAccountAuthorizationDetails' }],
  },
});
