import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  GetAccountAuthorizationDetailsCommand,
  ListPoliciesCommand,
  ListUsersCommand,
  paginateGetAccountAuthorizationDetails,
  paginateListPolicies,
  paginateListUsers,
} from '@aws-sdk/client-iam';
import { ListKeysCommand, paginateListKeys } from '@aws-sdk/client-kms';
import { ListBucketsCommand, paginateListBuckets } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScenario, SCENARIOS_DIR } from '../scenario.js';
import { startAwsSandbox, type AwsSandbox, type AwsScenario } from './index.js';
import { LARGE_SIZES, largeScenarioYaml } from './large.js';
import { clientsFor } from '../../../test/support/aws/sandbox.js';

describe('aws-large scenario', () => {
  it("the file is the generator's output and a valid scenario", () => {
    expect(readFileSync(path.join(SCENARIOS_DIR, 'aws-large.yaml'), 'utf8')).toBe(largeScenarioYaml());
    expect(loadScenario('aws-large').name).toBe('aws-large');
  });
});

describe('aws sandbox: more than one page of everything', () => {
  let sandbox: AwsSandbox;
  let c: ReturnType<typeof clientsFor>;
  beforeAll(async () => {
    sandbox = await startAwsSandbox(loadScenario('aws-large').aws as AwsScenario);
    c = clientsFor(sandbox);
  });
  afterAll(() => sandbox.stop());

  it('IAM users and policies exceed the default page of 100; paginators collect them all', async () => {
    const first = await c.iam.send(new ListUsersCommand({}));
    expect([first.Users?.length, first.IsTruncated]).toEqual([100, true]);
    let users = 0;
    for await (const p of paginateListUsers({ client: c.iam }, {})) users += p.Users!.length;
    expect(users).toBe(LARGE_SIZES.users);
    expect((await c.iam.send(new ListPoliciesCommand({ Scope: 'Local' }))).IsTruncated).toBe(true);
    let policies = 0;
    for await (const p of paginateListPolicies({ client: c.iam }, { Scope: 'Local' })) policies += p.Policies!.length;
    expect(policies).toBe(LARGE_SIZES.policies);
  });

  it('GetAccountAuthorizationDetails pages through users, groups, roles and policies', async () => {
    expect((await c.iam.send(new GetAccountAuthorizationDetailsCommand({}))).IsTruncated).toBe(true);
    let users = 0,
      policies = 0,
      pages = 0;
    for await (const p of paginateGetAccountAuthorizationDetails({ client: c.iam }, {})) {
      pages += 1;
      users += p.UserDetailList!.length;
      policies += p.Policies!.length;
    }
    expect(users).toBe(LARGE_SIZES.users);
    expect(policies).toBe(LARGE_SIZES.policies + 2);
    expect(pages).toBeGreaterThan(2);
  });

  it('S3 buckets page by max-buckets; KMS keys by the default Limit of 100', async () => {
    const page = await c.s3.send(new ListBucketsCommand({ MaxBuckets: 50 }));
    expect(page.ContinuationToken).toBeTruthy();
    let buckets = 0;
    for await (const p of paginateListBuckets({ client: c.s3, pageSize: 50 }, {})) buckets += p.Buckets!.length;
    expect(buckets).toBe(LARGE_SIZES.buckets);
    const keys = await c.kms.send(new ListKeysCommand({}));
    expect([keys.Keys?.length, keys.Truncated]).toEqual([100, true]);
    let all = 0;
    for await (const p of paginateListKeys({ client: c.kms }, {})) all += p.Keys!.length;
    expect(all).toBe(LARGE_SIZES.keysPerRegion);
  });
});
