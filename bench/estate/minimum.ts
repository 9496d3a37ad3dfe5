import type { AwsScenario } from '../../src/sandbox/aws/scenario.js';
import type { GithubScenario } from '../../src/sandbox/github/scenario.js';
import { pages, regionCalls, trailCalls, type Calls } from './minimum-regional.js';

/**
 * The fewest API calls that the checks need over a generated estate, by
 * operation, derived from the estate and the pages the APIs allow: a list
 * costs ceil(items / largest page) calls (at least one), and an API that
 * answers for one resource at a time costs one call per resource.
 */
export type { Calls };

/** The largest pages of the APIs annexa lists through (their API references). */
export const PAGE = {
  iamAuthorizationDetails: 1000,
  iamVirtualMfa: 1000,
  s3Buckets: 10000,
  kmsKeys: 1000,
  githubRest: 100,
  /** Repositories per RepoDetails GraphQL query (each repository's connections cost points: see graphql-query.ts). */
  githubGraphqlRepos: 100,
};

export function minimumAws(scenario: AwsScenario): { calls: Calls; chain: number } {
  const calls: Calls = { 'sts:GetCallerIdentity': 1, 'ec2:DescribeRegions': 1 };
  let chain = 0;
  for (const a of scenario.accounts.slice(0, 1)) {
    const users = a.users ?? [];
    const virtualMfa =
      users.reduce((n, u) => n + (u.mfa ?? []).filter((d) => d.type === 'virtual').length, 0) + (a.root?.mfa === 'virtual' ? 1 : 0);
    const entities = users.length + (a.groups ?? []).length + (a.roles ?? []).length + (a.policies ?? []).length;
    const buckets = a.buckets ?? [];
    const pab = a.publicAccessBlock;
    const accountBlock =
      pab === true ||
      (pab !== undefined && pab.blockPublicAcls && pab.ignorePublicAcls && pab.blockPublicPolicy && pab.restrictPublicBuckets);
    const authPages = pages(entities, PAGE.iamAuthorizationDetails);
    const bucketPages = pages(buckets.length, PAGE.s3Buckets);
    Object.assign(calls, {
      // The credential report: generate, then read it (one read when it is ready at once).
      'iam:GenerateCredentialReport': 1,
      'iam:GetCredentialReport': 1,
      'iam:GetAccountPasswordPolicy': 1,
      'iam:GetAccountSummary': 1,
      'iam:GetAccountAuthorizationDetails': authPages,
      'iam:ListVirtualMFADevices': pages(virtualMfa, PAGE.iamVirtualMfa),
      's3:ListAllMyBuckets': bucketPages,
      's3:GetAccountPublicAccessBlock': 1,
      // S3 answers bucket settings one bucket at a time.
      's3:GetEncryptionConfiguration': buckets.length,
      's3:GetBucketVersioning': buckets.length,
      's3:GetBucketLogging': buckets.length,
      's3:GetBucketPolicy': buckets.length,
    });
    // A bucket's own block is read only where the account's does not already block everything.
    if (!accountBlock) calls['s3:GetBucketPublicAccessBlock'] = buckets.length;
    let kmsChain = 0;
    for (const region of a.regions) {
      const keys = (a.kmsKeys ?? []).filter((k) => k.region === region);
      const keyPages = pages(keys.length, PAGE.kmsKeys);
      calls['kms:ListKeys'] = (calls['kms:ListKeys'] ?? 0) + keyPages;
      // KMS answers a key's metadata, policy and rotation one key at a time; rotation exists for symmetric customer keys only.
      calls['kms:DescribeKey'] = (calls['kms:DescribeKey'] ?? 0) + keys.length;
      calls['kms:GetKeyPolicy'] = (calls['kms:GetKeyPolicy'] ?? 0) + keys.length;
      const rotating = keys.filter(
        (k) => (k.spec ?? 'SYMMETRIC_DEFAULT') === 'SYMMETRIC_DEFAULT' && (k.manager ?? 'CUSTOMER') === 'CUSTOMER',
      );
      calls['kms:GetKeyRotationStatus'] = (calls['kms:GetKeyRotationStatus'] ?? 0) + rotating.length;
      kmsChain = Math.max(kmsChain, keyPages + 2);
    }
    const add = (more: Calls) => {
      for (const [op, n] of Object.entries(more)) calls[op] = (calls[op] ?? 0) + n;
    };
    const trails = trailCalls(a, accountBlock);
    add(trails.calls);
    let regionalChain = 0;
    for (const region of a.regions) {
      const r = regionCalls(a, region);
      add(r.calls);
      regionalChain = Math.max(regionalChain, r.chain);
    }
    // Identity first; then the longest of: report generate → read, the pages of a list then one call per item,
    // CloudTrail's trails then each one's status and selectors, and (after DescribeRegions) a region's chains.
    chain = 1 + Math.max(2, authPages, bucketPages + 1, trails.chain, 1 + kmsChain, 1 + regionalChain);
  }
  return { calls, chain };
}

export function minimumGithub(scenario: GithubScenario): { calls: Calls; chain: number } {
  const calls: Calls = {};
  let chain = 0;
  for (const org of scenario.orgs ?? []) {
    const repos = org.repos ?? [];
    const inScope = repos.filter((r) => !r.archived);
    const members = org.members ?? [];
    const outside = new Set(
      repos.flatMap((r) => (r.collaborators ?? []).map((c) => c.login)).filter((l) => !members.some((m) => m.login === l)),
    );
    const add = (route: string, n: number) => (calls[route] = (calls[route] ?? 0) + n);
    add('GET /user', 1);
    add('GET /orgs/{org}', 1);
    add('GET /orgs/{org}/actions/permissions', 1);
    if (org.actions?.allowed_actions === 'selected') add('GET /orgs/{org}/actions/permissions/selected-actions', 1);
    add('GET /orgs/{org}/actions/permissions/workflow', 1);
    add('GET /orgs/{org}/hooks', pages((org.hooks ?? []).length, PAGE.githubRest));
    // Owners; members and outside collaborators without 2FA, and with insecure 2FA (lists GitHub filters server-side).
    add('GET /orgs/{org}/members', pages(members.filter((m) => m.role === 'admin').length, PAGE.githubRest));
    add('GET /orgs/{org}/members', pages(members.filter((m) => m.two_factor === false).length, PAGE.githubRest));
    add('GET /orgs/{org}/members', pages(members.filter((m) => m.two_factor_insecure === true).length, PAGE.githubRest));
    add('GET /orgs/{org}/outside_collaborators', 2 * pages(outside.size, PAGE.githubRest));
    const repoPages = pages(repos.length, PAGE.githubRest);
    add('GET /orgs/{org}/repos', repoPages);
    add('graphql RepoDetails', pages(inScope.length, PAGE.githubGraphqlRepos));
    // GraphQL has no repository webhooks nor code scanning setup: REST, one repository at a time;
    // a repository without default setup is asked for its uploaded analyses (one page is enough to date the last).
    add('GET /repos/{owner}/{repo}/hooks', inScope.length);
    add('GET /repos/{owner}/{repo}/code-scanning/default-setup', inScope.length);
    const uploaded = inScope.filter((r) => r.code_scanning && r.code_scanning.default_setup !== 'configured').length;
    if (uploaded) add('GET /repos/{owner}/{repo}/code-scanning/analyses', uploaded);
    // Open alerts of the whole organisation, in pages of 100 per kind, and its security policy.
    for (const kind of ['dependabot', 'code_scanning', 'secret_scanning'] as const) {
      const alerts = repos.reduce((n, r) => n + (r.alerts?.[kind]?.length ?? 0), 0);
      if (repos.some((r) => r.alerts)) add(`GET /orgs/{org}/${kind.replace('_', '-')}/alerts`, pages(alerts, PAGE.githubRest));
    }
    if (repos.some((r) => r.alerts)) add('graphql OrgSecurityPolicy', 1);
    chain = Math.max(chain, 1 + repoPages + 1);
  }
  return { calls, chain };
}

/** Calls by operation that differ from the minimum: positive where more were made. */
export function excess(made: Calls, minimum: Calls): Calls {
  const out: Calls = {};
  for (const op of new Set([...Object.keys(made), ...Object.keys(minimum)])) {
    const d = (made[op] ?? 0) - (minimum[op] ?? 0);
    if (d !== 0) out[op] = d;
  }
  return out;
}
