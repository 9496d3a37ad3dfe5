import { checkTester } from '../../src/testing/check-tester.js';
import { ACCOUNT, ADMIN_DOC, ADMINISTRATOR_ACCESS, denied, details, iamFacts, TARGET } from '../../test/support/aws/facts.js';
import check from './aws.iam.admin-principals.js';

const arn = (path: string) => `arn:aws:iam::${ACCOUNT}:${path}`;
const world = details({
  users: [
    { name: 'alice', attachedPolicies: [ADMINISTRATOR_ACCESS] },
    { name: 'bob', groups: ['admins'] },
    { name: 'carol', groups: ['dev'] },
  ],
  groups: [{ name: 'admins', inlinePolicies: [{ name: 'all', document: ADMIN_DOC }] }, { name: 'dev' }],
  roles: [{ name: 'break-glass', attachedPolicies: [{ name: 'god', arn: arn('policy/god') }] }, { name: 'app' }],
  policies: [{ name: 'god', document: ADMIN_DOC }],
});
const listed = [
  { arn: arn('group/admins'), kind: 'group', via: ['all (inline)'] },
  { arn: arn('role/break-glass'), kind: 'role', via: ['god'] },
  { arn: arn('user/alice'), kind: 'user', via: ['AdministratorAccess'] },
  { arn: arn('user/bob'), kind: 'user', via: ['group admins'] },
];

checkTester(check, { target: TARGET }).run({
  'admins by AdministratorAccess, an equivalent customer or inline policy, or an admin group; at the maximum passes': {
    facts: iamFacts({ authorizationDetails: world }),
    results: [{ resource: TARGET.resource, status: 'pass', messageId: 'few', observed: { count: 3, maxAdmins: 3, principals: listed } }],
  },
  'AWS-managed policies are judged by their shipped documents: IAMFullAccess is administrator access, PowerUserAccess is not': {
    facts: iamFacts({
      authorizationDetails: details({
        roles: [
          { name: 'iam-admin', attachedPolicies: [{ name: 'IAMFullAccess', arn: 'arn:aws:iam::aws:policy/IAMFullAccess' }] },
          { name: 'power', attachedPolicies: [{ name: 'PowerUserAccess', arn: 'arn:aws:iam::aws:policy/PowerUserAccess' }] },
          {
            name: 'escalator',
            inlinePolicies: [
              {
                name: 'pass',
                document: {
                  Statement: [{ Effect: 'Allow', Action: ['iam:PassRole', 'iam:CreateRole', 'iam:AttachRolePolicy'], Resource: '*' }],
                },
              },
            ],
          },
        ],
      }),
    }),
    results: [
      {
        resource: TARGET.resource,
        status: 'pass',
        messageId: 'few',
        observed: {
          count: 2,
          principals: [
            { arn: arn('role/escalator'), kind: 'role', via: ['pass (inline)'] },
            { arn: arn('role/iam-admin'), kind: 'role', via: ['IAMFullAccess'] },
          ],
        },
      },
    ],
  },
  'above the configured maximum fails': {
    facts: iamFacts({ authorizationDetails: world }),
    settings: { maxAdmins: 2 },
    results: [{ resource: TARGET.resource, status: 'fail', messageId: 'many', observed: { count: 3, maxAdmins: 2 } }],
  },
  'an account without admins passes with a count of zero': {
    facts: iamFacts({ authorizationDetails: details({ users: [{ name: 'carol' }] }) }),
    results: [{ resource: TARGET.resource, status: 'pass', messageId: 'few', observed: { count: 0, principals: [] } }],
  },
  'denied authorization details are an error naming the permission': {
    facts: iamFacts({ authorizationDetails: denied('iam:GetAccountAuthorizationDetails') }),
    results: [{ resource: TARGET.resource, status: 'error', messageId: 'notCollected', message: 'iam:GetAccountAuthorizationDetails' }],
  },
});
