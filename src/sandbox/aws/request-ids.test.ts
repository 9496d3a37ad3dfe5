import { DescribeRegionsCommand } from '@aws-sdk/client-ec2';
import { GetAccountSummaryCommand } from '@aws-sdk/client-iam';
import { ListKeysCommand } from '@aws-sdk/client-kms';
import { ListAccountsCommand } from '@aws-sdk/client-organizations';
import { GetBucketVersioningCommand, HeadBucketCommand, ListBucketsCommand } from '@aws-sdk/client-s3';
import { GetPublicAccessBlockCommand } from '@aws-sdk/client-s3-control';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAwsSandbox, type AwsSandbox } from './index.js';
import { clientsFor, rejection } from '../../../test/support/aws/sandbox.js';

describe('aws sandbox: request ids, cross-account access and unknown buckets', () => {
  let sandbox: AwsSandbox;
  beforeAll(async () => {
    sandbox = await startAwsSandbox({
      organization: {},
      accounts: [
        { id: '111111111111', regions: ['us-east-1'], publicAccessBlock: true, buckets: [{ name: 'mine', region: 'us-east-1' }] },
        { id: '222222222222', regions: ['us-east-1'], buckets: [{ name: 'theirs', region: 'us-east-1' }] },
      ],
    });
  });
  afterAll(() => sandbox.stop());

  it('every protocol hands the SDK a request id', async () => {
    const c = clientsFor(sandbox);
    const answers = [
      await c.sts.send(new GetCallerIdentityCommand({})),
      await c.iam.send(new GetAccountSummaryCommand({})),
      await c.ec2.send(new DescribeRegionsCommand({})),
      await c.organizations.send(new ListAccountsCommand({})),
      await c.kms.send(new ListKeysCommand({})),
      await c.s3.send(new ListBucketsCommand({})),
      await c.s3control.send(new GetPublicAccessBlockCommand({ AccountId: '111111111111' })),
    ];
    for (const a of answers) expect(a.$metadata.requestId).toBeTruthy();
    expect(new Set(answers.map((a) => a.$metadata.requestId)).size).toBe(answers.length);
  });

  it("another account's bucket is AccessDenied; an unknown one is NoSuchBucket, or NotFound without a body (HEAD)", async () => {
    const s3 = clientsFor(sandbox).s3;
    const theirs = await rejection(s3.send(new GetBucketVersioningCommand({ Bucket: 'theirs' })));
    expect([theirs.name, theirs.$metadata.httpStatusCode]).toEqual(['AccessDenied', 403]);
    const head = await rejection(s3.send(new HeadBucketCommand({ Bucket: 'nobody' })));
    expect([head.name, head.$metadata.httpStatusCode]).toEqual(['NotFound', 404]);
    expect((await s3.send(new ListBucketsCommand({}))).Buckets?.map((b) => b.Name)).toEqual(['mine']);
  });
});
