import shipped from '../../judging/aws/data/aws-managed-policies.json' with { type: 'json' };
import { iamId } from './ids.js';
import type { PolicyDocument } from './scenario.js';
import type { ManagedPolicy } from './world.js';

/** A policy whose real document annexa ships for judging: the sandbox serves that same document and version. */
function shippedPolicy(name: string, description: string) {
  const p = shipped.policies.find((x) => x.name === name)!;
  return { [name]: { path: '/', version: p.versionId, description, document: p.document as PolicyDocument } };
}

/**
 * The AWS-managed policies a scenario may attach by name. Documents are
 * abridged where the real ones run to pages: what matters to a scanner is
 * whether they grant everything (AdministratorAccess) or read-only rights.
 */
export const AWS_MANAGED_POLICIES: Record<string, { path: string; version: string; description: string; document: PolicyDocument }> = {
  ...shippedPolicy('AdministratorAccess', 'Provides full access to AWS services and resources.'),
  ...shippedPolicy(
    'PowerUserAccess',
    'Provides full access to AWS services and resources, but does not allow management of Users and groups.',
  ),
  ...shippedPolicy('IAMFullAccess', 'Provides full access to IAM via the AWS Management Console.'),
  ReadOnlyAccess: {
    path: '/',
    version: 'v120',
    description: 'Provides read-only access to AWS services and resources.',
    document: {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: ['s3:Get*', 's3:List*', 'iam:Get*', 'iam:List*', 'kms:Describe*', 'kms:Get*', 'kms:List*', 'ec2:Describe*'],
          Resource: '*',
        },
      ],
    },
  },
  SecurityAudit: {
    path: '/',
    version: 'v45',
    description: 'The security audit template grants access to read security configuration metadata.',
    document: {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: [
            'iam:GenerateCredentialReport',
            'iam:Get*',
            'iam:List*',
            's3:GetBucket*',
            's3:GetEncryptionConfiguration',
            's3:GetAccountPublicAccessBlock',
            's3:ListAllMyBuckets',
            'kms:Describe*',
            'kms:Get*',
            'kms:List*',
            'ec2:DescribeRegions',
            'organizations:List*',
            'organizations:Describe*',
          ],
          Resource: '*',
        },
      ],
    },
  },
  ViewOnlyAccess: {
    path: '/job-function/',
    version: 'v40',
    description: 'This policy grants permissions to view resources and basic metadata across all AWS services.',
    document: {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: ['s3:ListAllMyBuckets', 'iam:List*', 'kms:List*', 'ec2:DescribeRegions'], Resource: '*' }],
    },
  },
  AmazonS3FullAccess: {
    path: '/',
    version: 'v2',
    description: 'Provides full access to all buckets via the AWS Management Console.',
    document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:*', 's3-object-lambda:*'], Resource: '*' }] },
  },
  AmazonS3ReadOnlyAccess: {
    path: '/',
    version: 'v3',
    description: 'Provides read only access to all buckets via the AWS Management Console.',
    document: {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: ['s3:Get*', 's3:List*', 's3:Describe*', 's3-object-lambda:Get*', 's3-object-lambda:List*'],
          Resource: '*',
        },
      ],
    },
  },
  IAMUserChangePassword: {
    path: '/',
    version: 'v2',
    description: 'Provides the ability for an IAM user to change their own password.',
    document: {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: ['iam:ChangePassword'], Resource: ['arn:aws:iam::*:user/${aws:username}'] },
        { Effect: 'Allow', Action: ['iam:GetAccountPasswordPolicy'], Resource: '*' },
      ],
    },
  },
  AWSSupportAccess: {
    path: '/',
    version: 'v1',
    description: 'Allow users to access the AWS Support Center.',
    document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['support:*'], Resource: '*' }] },
  },
  AmazonEC2FullAccess: {
    path: '/',
    version: 'v5',
    description: 'Provides full access to Amazon EC2 via the AWS Management Console.',
    document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'ec2:*', Resource: '*' }] },
  },
};

/** The account-independent view of a catalogued AWS-managed policy, or undefined when not catalogued. */
export function awsManagedPolicy(name: string): ManagedPolicy | undefined {
  const known = AWS_MANAGED_POLICIES[name];
  if (!known) return undefined;
  const arn = `arn:aws:iam::aws:policy${known.path}${name}`;
  const made = new Date('2015-02-06T18:39:46Z');
  return {
    name,
    path: known.path,
    id: iamId('ANPA', arn),
    arn,
    description: known.description,
    version: known.version,
    created: made,
    updated: made,
    document: known.document,
    awsManaged: true,
  };
}
