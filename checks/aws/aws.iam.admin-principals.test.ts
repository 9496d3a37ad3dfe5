import { checkTester } from '../../src/testing/check-tester.js';
import { ACCOUNT, ADMIN_DOC, ADMINISTRATOR_ACCESS, denied, details, iamFacts, TARGET } from '../../test/support/aws/facts.js';
import { identityCenter, noIdentityCenter, ssoRoleArn } from '../../test/support/aws/identity-center.js';
import { FactError } from '../../src/core/facts.js';
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
/** The role Identity Center provisions for a permission set, with the set's policies. */
const ssoRole = (permissionSet: string, policies = [ADMINISTRATOR_ACCESS], region?: string) => ({
  name: `AWSReservedSSO_${permissionSet}_0123456789abcdef`,
  arn: ssoRoleArn(permissionSet, region),
  path: `/aws-reserved/sso.amazonaws.com/${region ? `${region}/` : ''}`,
  attachedPolicies: policies,
});
const withSso = (...roles: ReturnType<typeof ssoRole>[]) =>
  details({ users: [{ name: 'alice', attachedPolicies: [ADMINISTRATOR_ACCESS] }], roles });
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
  'an Identity Center administrator permission set assigned to a group of 4 users counts 4, not one role': {
    facts: {
      ...iamFacts({ authorizationDetails: details({ roles: [ssoRole('AdministratorAccess')] }) }),
      ...identityCenter({
        permissionSets: { AdministratorAccess: { groups: ['g-ops'] } },
        groups: { 'g-ops': ['u-1', 'u-2', 'u-3', 'u-4'] },
      }),
    },
    results: [
      {
        resource: TARGET.resource,
        status: 'fail',
        messageId: 'many',
        observed: {
          count: 4,
          identityCenter: [
            {
              permissionSet: 'AdministratorAccess',
              role: ssoRoleArn('AdministratorAccess'),
              users: [],
              groups: [{ id: 'g-ops', members: ['u-1', 'u-2', 'u-3', 'u-4'] }],
            },
          ],
        },
      },
    ],
  },
  'a user assigned directly and through a group, in two administrator permission sets, counts once; IAM admins add to them': {
    facts: {
      ...iamFacts({ authorizationDetails: withSso(ssoRole('AdministratorAccess'), ssoRole('Break_Glass', [], 'eu-central-1')) }),
      ...identityCenter({
        permissionSets: { AdministratorAccess: { users: ['u-1'], groups: ['g-ops'] }, Break_Glass: { users: ['u-2'] } },
        groups: { 'g-ops': ['u-1', 'u-2', 'u-1'] },
      }),
    },
    results: [{ resource: TARGET.resource, status: 'pass', messageId: 'few', observed: { count: 3, maxAdmins: 3 } }],
  },
  'a reserved role without administrator access reads no Identity Center': {
    facts: {
      ...iamFacts({
        authorizationDetails: details({
          roles: [ssoRole('ReadOnly', [{ name: 'ReadOnlyAccess', arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }])],
        }),
      }),
      ...noIdentityCenter(),
    },
    results: [{ resource: TARGET.resource, status: 'pass', messageId: 'few', observed: { count: 0, principals: [] } }],
  },
  'Identity Center assignments denied: an error naming the action, never the role counted as one': {
    facts: {
      ...iamFacts({ authorizationDetails: withSso(ssoRole('AdministratorAccess')) }),
      ...identityCenter({ permissionSets: { AdministratorAccess: {} } }, { accountAssignments: denied('sso:ListAccountAssignments') }),
    },
    results: [{ resource: TARGET.resource, status: 'error', messageId: 'notCollected', message: 'sso:ListAccountAssignments' }],
  },
  'group members denied: an error naming identitystore:ListGroupMemberships': {
    facts: {
      ...iamFacts({ authorizationDetails: withSso(ssoRole('AdministratorAccess')) }),
      ...identityCenter(
        { permissionSets: { AdministratorAccess: { groups: ['g-ops'] } } },
        { groupMembers: denied('identitystore:ListGroupMemberships') },
      ),
    },
    results: [{ resource: TARGET.resource, status: 'error', messageId: 'notCollected', message: 'identitystore:ListGroupMemberships' }],
  },
  "no Identity Center instance readable (read with a member account's credentials): an error naming sso:ListInstances": {
    facts: {
      ...iamFacts({ authorizationDetails: withSso(ssoRole('AdministratorAccess')) }),
      ...identityCenter(
        { permissionSets: {} },
        {
          instance: new FactError({ kind: 'not_found', message: 'sso:ListInstances in eu-west-1 shows 0 IAM Identity Center instance(s)' }),
        },
      ),
    },
    results: [{ resource: TARGET.resource, status: 'error', messageId: 'notCollected', message: 'sso:ListInstances' }],
  },
  'a reserved role whose permission set is not provisioned to the account in the instance read is an error, not nobody': {
    facts: {
      ...iamFacts({ authorizationDetails: withSso(ssoRole('AdministratorAccess')) }),
      ...identityCenter({ permissionSets: { ReadOnly: {} } }),
    },
    results: [
      {
        resource: TARGET.resource,
        status: 'error',
        messageId: 'notCollected',
        message: 'no permission set named AdministratorAccess is provisioned',
      },
    ],
  },
  'denied authorization details are an error naming the permission': {
    facts: iamFacts({ authorizationDetails: denied('iam:GetAccountAuthorizationDetails') }),
    results: [{ resource: TARGET.resource, status: 'error', messageId: 'notCollected', message: 'iam:GetAccountAuthorizationDetails' }],
  },
});
