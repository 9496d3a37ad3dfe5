import { checkTester } from '../../src/testing/check-tester.js';
import { ACCOUNT, ADMIN_DOC, denied, details, iamFacts, READ_DOC, TARGET } from '../../test/support/aws/facts.js';
import check from './aws.iam.no-admin-policies.js';

const arn = (path: string) => `arn:aws:iam::${ACCOUNT}:${path}`;
const doc = (...Statement: object[]) => ({ Version: '2012-10-17', Statement });
const notAction = { Statement: [{ Effect: 'Allow', NotAction: 'iam:*', Resource: ['*'] }] };

checkTester(check, { target: TARGET }).run({
  'customer-managed policies are judged one by one, inline policies per principal': {
    facts: iamFacts({
      authorizationDetails: details({
        policies: [
          { name: 'read', document: READ_DOC },
          { name: 'god', document: ADMIN_DOC },
          { name: 'almost', document: notAction },
        ],
        roles: [
          {
            name: 'app',
            inlinePolicies: [
              { name: 'ok', document: READ_DOC },
              { name: 'bad', document: ADMIN_DOC },
            ],
          },
        ],
        users: [{ name: 'ci', inlinePolicies: [{ name: 'ok', document: READ_DOC }] }],
      }),
    }),
    results: [
      { resource: arn('policy/read'), status: 'pass', messageId: 'scoped', observed: { policy: 'read', attachments: 1 } },
      {
        resource: arn('policy/god'),
        status: 'fail',
        messageId: 'admin',
        observed: { policy: 'god', grant: 'every action', statements: ADMIN_DOC.Statement },
      },
      { resource: arn('policy/almost'), status: 'pass', messageId: 'scoped', observed: { policy: 'almost' } },
      { resource: arn('user/ci'), status: 'pass', messageId: 'scoped', observed: { policy: 'inline policies of ci' } },
      { resource: arn('role/app'), status: 'fail', messageId: 'admin', observed: { policy: 'inline policies of app' } },
    ],
  },
  'NotAction, NotResource and resources matching everything are read by what they cover': {
    facts: iamFacts({
      authorizationDetails: details({
        policies: [
          {
            name: 'power-user-copy',
            document: doc({ Effect: 'Allow', NotAction: ['iam:*', 'organizations:*', 'account:*'], Resource: '*' }),
          },
          { name: 'all-but-s3', document: doc({ Effect: 'Allow', NotAction: 's3:*', Resource: '*' }) },
          { name: 'iam-star', document: doc({ Effect: 'Allow', Action: 'iam:*', Resource: '*' }) },
          { name: 'arn-star', document: doc({ Effect: 'Allow', Action: '*', Resource: ['arn:aws:s3:::x', 'arn:*'] }) },
          { name: 'partition-wide', document: doc({ Effect: 'Allow', Action: '*', Resource: 'arn:aws:*:*:*:*' }) },
          { name: 'but-one-bucket', document: doc({ Effect: 'Allow', Action: '*', NotResource: 'arn:aws:s3:::vault/*' }) },
          { name: 'one-bucket', document: doc({ Effect: 'Allow', Action: '*', Resource: 'arn:aws:s3:::data/*' }) },
        ],
      }),
    }),
    results: [
      { resource: arn('policy/power-user-copy'), status: 'pass', messageId: 'scoped' },
      { resource: arn('policy/all-but-s3'), status: 'fail', messageId: 'admin', observed: { grant: 'every IAM action' } },
      { resource: arn('policy/iam-star'), status: 'fail', messageId: 'admin', observed: { grant: 'every IAM action' } },
      { resource: arn('policy/arn-star'), status: 'fail', messageId: 'admin', observed: { grant: 'every action' } },
      { resource: arn('policy/partition-wide'), status: 'fail', messageId: 'admin', observed: { grant: 'every action' } },
      { resource: arn('policy/but-one-bucket'), status: 'fail', messageId: 'admin', observed: { grant: 'every action' } },
      { resource: arn('policy/one-bucket'), status: 'pass', messageId: 'scoped' },
    ],
  },
  'IAM privilege escalation counts as administrator access': {
    facts: iamFacts({
      authorizationDetails: details({
        policies: [
          { name: 'self-grant', document: doc({ Effect: 'Allow', Action: 'iam:AttachUserPolicy', Resource: '*' }) },
          {
            name: 'pass-role',
            document: doc({ Effect: 'Allow', Action: ['iam:PassRole', 'iam:CreateRole', 'iam:PutRolePolicy', 'lambda:*'], Resource: '*' }),
          },
          {
            name: 'assume-any',
            document: doc({ Effect: 'Allow', Action: ['iam:AttachRolePolicy', 'iam:UpdateAssumeRolePolicy'], Resource: '*' }),
          },
          { name: 'iam-reader', document: doc({ Effect: 'Allow', Action: ['iam:Get*', 'iam:List*', 'iam:PassRole'], Resource: '*' }) },
        ],
      }),
    }),
    results: [
      {
        resource: arn('policy/self-grant'),
        status: 'fail',
        messageId: 'admin',
        message: 'writes its own permissions (iam:AttachUserPolicy)',
      },
      { resource: arn('policy/pass-role'), status: 'fail', messageId: 'admin', message: 'creates and passes a role it empowers' },
      { resource: arn('policy/assume-any'), status: 'fail', messageId: 'admin', message: 'empowers and assumes any role' },
      { resource: arn('policy/iam-reader'), status: 'pass', messageId: 'scoped' },
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
