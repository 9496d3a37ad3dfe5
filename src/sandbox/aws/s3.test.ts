import {
  GetBucketEncryptionCommand,
  GetBucketLocationCommand,
  GetBucketLoggingCommand,
  GetBucketPolicyCommand,
  GetBucketPolicyStatusCommand,
  GetBucketVersioningCommand,
  GetPublicAccessBlockCommand,
  HeadBucketCommand,
  ListBucketsCommand,
  S3Client,
  paginateListBuckets,
} from '@aws-sdk/client-s3';
import { GetPublicAccessBlockCommand as GetAccountPublicAccessBlockCommand } from '@aws-sdk/client-s3-control';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScenario } from '../scenario.js';
import { startAwsSandbox, type AwsSandbox, type AwsScenario } from './index.js';
import { clientsFor, FAKE_CREDENTIALS, rejection } from '../../../test/support/aws/sandbox.js';

const acme = loadScenario('acme').aws as AwsScenario;
const ACCOUNT = '418295730612';

describe('aws sandbox: S3 and S3 Control over the real SDK', () => {
  let sandbox: AwsSandbox;
  let us: ReturnType<typeof clientsFor>;
  let eu: ReturnType<typeof clientsFor>;
  beforeAll(async () => {
    sandbox = await startAwsSandbox(acme);
    us = clientsFor(sandbox, 'us-east-1');
    eu = clientsFor(sandbox, 'eu-west-1');
  });
  afterAll(() => sandbox.stop());

  it('ListBuckets lists every bucket with its region, and pages with max-buckets and continuation tokens', async () => {
    const all = await us.s3.send(new ListBucketsCommand({}));
    expect(all.Buckets).toHaveLength(7);
    expect(all.ContinuationToken).toBeUndefined();
    expect(all.Owner?.ID).toMatch(/^[0-9a-f]{64}$/);
    expect(all.Buckets?.find((b) => b.Name === 'acme-eu-analytics')).toMatchObject({
      BucketRegion: 'eu-west-1',
      CreationDate: expect.any(Date),
    });
    const first = await us.s3.send(new ListBucketsCommand({ MaxBuckets: 3 }));
    expect(first.Buckets).toHaveLength(3);
    expect(first.ContinuationToken).toBeTruthy();
    const names: string[] = [];
    for await (const page of paginateListBuckets({ client: us.s3, pageSize: 2 }, {})) names.push(...page.Buckets!.map((b) => b.Name!));
    expect(names).toEqual(all.Buckets!.map((b) => b.Name));
    const euOnly = await us.s3.send(new ListBucketsCommand({ BucketRegion: 'eu-west-1', Prefix: 'acme-eu-a' }));
    expect(euOnly.Buckets?.map((b) => b.Name)).toEqual(['acme-eu-access-logs', 'acme-eu-analytics']);
    expect(euOnly.Prefix).toBe('acme-eu-a');
  });

  it('GetBucketLocation answers from any region; empty for us-east-1', async () => {
    expect((await us.s3.send(new GetBucketLocationCommand({ Bucket: 'acme-eu-analytics' }))).LocationConstraint).toBe('eu-west-1');
    expect((await eu.s3.send(new GetBucketLocationCommand({ Bucket: 'acme-access-logs' }))).LocationConstraint ?? '').toBe('');
  });

  it('a bucket of another region answers 301 PermanentRedirect naming its region; HeadBucket too', async () => {
    const err = await rejection(us.s3.send(new GetBucketEncryptionCommand({ Bucket: 'acme-eu-analytics' })));
    expect(err.name).toBe('PermanentRedirect');
    expect(err.$metadata.httpStatusCode).toBe(301);
    expect(err.Endpoint).toBe('s3.eu-west-1.amazonaws.com');
    expect((err.$response as { headers: Record<string, string> } | undefined)?.headers['x-amz-bucket-region']).toBe('eu-west-1');
    const head = await rejection(us.s3.send(new HeadBucketCommand({ Bucket: 'acme-eu-analytics' })));
    expect(head.$metadata.httpStatusCode).toBe(301);
    expect((await eu.s3.send(new HeadBucketCommand({ Bucket: 'acme-eu-analytics' }))).BucketRegion).toBe('eu-west-1');
  });

  it('the SDK follows the redirect itself when asked to', async () => {
    const following = new S3Client({
      region: 'us-east-1',
      credentials: FAKE_CREDENTIALS,
      endpoint: sandbox.endpoints.s3,
      forcePathStyle: true,
      followRegionRedirects: true,
    });
    const v = await following.send(new GetBucketVersioningCommand({ Bucket: 'acme-eu-analytics' }));
    expect(v.Status).toBe('Enabled');
  });

  it('default encryption: SSE-KMS with the key ARN and SSE-C blocked, DSSE-KMS, SSE-S3, and none', async () => {
    const kms = await us.s3.send(new GetBucketEncryptionCommand({ Bucket: 'acme-prod-app-data' }));
    expect(kms.ServerSideEncryptionConfiguration?.Rules?.[0]).toEqual({
      ApplyServerSideEncryptionByDefault: {
        SSEAlgorithm: 'aws:kms',
        KMSMasterKeyID: expect.stringMatching(new RegExp(`^arn:aws:kms:us-east-1:${ACCOUNT}:key/[0-9a-f-]{36}$`)),
      },
      BucketKeyEnabled: true,
      BlockedEncryptionTypes: { EncryptionType: ['SSE-C'] },
    });
    const dsse = await eu.s3.send(new GetBucketEncryptionCommand({ Bucket: 'acme-eu-analytics' }));
    expect(dsse.ServerSideEncryptionConfiguration?.Rules?.[0]?.ApplyServerSideEncryptionByDefault?.SSEAlgorithm).toBe('aws:kms:dsse');
    const sse = await us.s3.send(new GetBucketEncryptionCommand({ Bucket: 'acme-marketing-site' }));
    expect(sse.ServerSideEncryptionConfiguration?.Rules?.[0]?.ApplyServerSideEncryptionByDefault).toEqual({ SSEAlgorithm: 'AES256' });
    const none = await rejection(eu.s3.send(new GetBucketEncryptionCommand({ Bucket: 'acme-eu-customer-exports' })));
    expect([none.name, none.$metadata.httpStatusCode]).toEqual(['ServerSideEncryptionConfigurationNotFoundError', 404]);
  });

  it('bucket policy and its status; NoSuchBucketPolicy when there is none', async () => {
    const p = await us.s3.send(new GetBucketPolicyCommand({ Bucket: 'acme-prod-app-data' }));
    expect(JSON.parse(p.Policy!).Statement[0].Condition).toEqual({ Bool: { 'aws:SecureTransport': 'false' } });
    expect((await us.s3.send(new GetBucketPolicyStatusCommand({ Bucket: 'acme-marketing-site' }))).PolicyStatus?.IsPublic).toBe(true);
    expect((await us.s3.send(new GetBucketPolicyStatusCommand({ Bucket: 'acme-prod-app-data' }))).PolicyStatus?.IsPublic).toBe(false);
    const none = await rejection(eu.s3.send(new GetBucketPolicyCommand({ Bucket: 'acme-eu-customer-exports' })));
    expect([none.name, none.$metadata.httpStatusCode, none.message]).toEqual([
      'NoSuchBucketPolicy',
      404,
      'The bucket policy does not exist',
    ]);
  });

  it('bucket public access block, or NoSuchPublicAccessBlockConfiguration', async () => {
    const full = await us.s3.send(new GetPublicAccessBlockCommand({ Bucket: 'acme-prod-app-data' }));
    expect(full.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      IgnorePublicAcls: true,
      BlockPublicPolicy: true,
      RestrictPublicBuckets: true,
    });
    const part = await us.s3.send(new GetPublicAccessBlockCommand({ Bucket: 'acme-ci-artifacts' }));
    expect(part.PublicAccessBlockConfiguration).toMatchObject({ BlockPublicAcls: false, BlockPublicPolicy: true });
    const none = await rejection(eu.s3.send(new GetPublicAccessBlockCommand({ Bucket: 'acme-eu-customer-exports' })));
    expect(none.name).toBe('NoSuchPublicAccessBlockConfiguration');
  });

  it('versioning (Enabled, Suspended, never) and access logging', async () => {
    expect(await us.s3.send(new GetBucketVersioningCommand({ Bucket: 'acme-prod-app-data' }))).toMatchObject({ Status: 'Enabled' });
    expect((await eu.s3.send(new GetBucketVersioningCommand({ Bucket: 'acme-eu-analytics' }))).MFADelete).toBe('Enabled');
    expect((await eu.s3.send(new GetBucketVersioningCommand({ Bucket: 'acme-eu-customer-exports' }))).Status).toBe('Suspended');
    expect((await us.s3.send(new GetBucketVersioningCommand({ Bucket: 'acme-marketing-site' }))).Status).toBeUndefined();
    expect((await us.s3.send(new GetBucketLoggingCommand({ Bucket: 'acme-prod-app-data' }))).LoggingEnabled).toEqual({
      TargetBucket: 'acme-access-logs',
      TargetPrefix: 'app-data/',
    });
    expect((await us.s3.send(new GetBucketLoggingCommand({ Bucket: 'acme-access-logs' }))).LoggingEnabled).toBeUndefined();
  });

  it('NoSuchBucket for an unknown bucket', async () => {
    const err = await rejection(us.s3.send(new GetBucketVersioningCommand({ Bucket: 'no-such-bucket-here' })));
    expect([err.name, err.$metadata.httpStatusCode]).toEqual(['NoSuchBucket', 404]);
    expect(err.$metadata.requestId).toMatch(/^[0-9A-F]{16}$/);
  });

  it('S3 Control answers the account-level public access block at {account}.localhost', async () => {
    const r = await us.s3control.send(new GetAccountPublicAccessBlockCommand({ AccountId: ACCOUNT }));
    expect(r.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      IgnorePublicAcls: true,
      BlockPublicPolicy: false,
      RestrictPublicBuckets: false,
    });
    const other = await rejection(us.s3control.send(new GetAccountPublicAccessBlockCommand({ AccountId: '999999999999' })));
    expect(other.name).toBe('AccessDenied');
  });
});

describe('aws sandbox: S3 denials and absent configurations', () => {
  let sandbox: AwsSandbox;
  beforeAll(async () => {
    sandbox = await startAwsSandbox({
      accounts: [
        {
          id: '123456789012',
          regions: ['us-east-1'],
          buckets: [
            { name: 'locked', region: 'us-east-1' },
            { name: 'open', region: 'us-east-1' },
          ],
          deny: [{ action: 's3:GetEncryptionConfiguration', resource: 'arn:aws:s3:::locked' }],
        },
      ],
      deny: ['s3:GetAccountPublicAccessBlock'],
    });
  });
  afterAll(() => sandbox.stop());

  it('a denied action answers AccessDenied naming the action and the bucket, only where denied', async () => {
    const c = clientsFor(sandbox);
    const err = await rejection(c.s3.send(new GetBucketEncryptionCommand({ Bucket: 'locked' })));
    expect([err.name, err.$metadata.httpStatusCode]).toEqual(['AccessDenied', 403]);
    expect(err.message).toBe(
      'User: arn:aws:iam::123456789012:user/annexa-scanner is not authorized to perform: s3:GetEncryptionConfiguration on resource: "arn:aws:s3:::locked" because no identity-based policy allows the s3:GetEncryptionConfiguration action',
    );
    const open = await c.s3.send(new GetBucketEncryptionCommand({ Bucket: 'open' }));
    expect(open.ServerSideEncryptionConfiguration?.Rules?.[0]?.ApplyServerSideEncryptionByDefault?.SSEAlgorithm).toBe('AES256');
    const pab = await rejection(c.s3control.send(new GetAccountPublicAccessBlockCommand({ AccountId: '123456789012' })));
    expect([pab.name, pab.$metadata.httpStatusCode]).toEqual(['AccessDenied', 403]);
    expect(pab.message).toContain('s3:GetAccountPublicAccessBlock');
  });
});

describe('aws sandbox: account without a public access block', () => {
  it('answers NoSuchPublicAccessBlockConfiguration', async () => {
    const sandbox = await startAwsSandbox({ accounts: [{ id: '123456789012', regions: ['us-east-1'] }] });
    try {
      const err = await rejection(
        clientsFor(sandbox).s3control.send(new GetAccountPublicAccessBlockCommand({ AccountId: '123456789012' })),
      );
      expect([err.name, err.$metadata.httpStatusCode]).toEqual(['NoSuchPublicAccessBlockConfiguration', 404]);
    } finally {
      await sandbox.stop();
    }
  });
});
