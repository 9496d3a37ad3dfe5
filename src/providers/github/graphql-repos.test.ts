import { describe, expect, it } from 'vitest';
import { parseRepo } from './graphql-repos.js';

const raw = {
  name: 'api',
  viewerPermission: 'ADMIN',
  hasVulnerabilityAlertsEnabled: true,
  defaultBranchRef: { name: 'main' },
  branchProtectionRules: {
    pageInfo: { hasNextPage: false },
    nodes: [
      {
        pattern: 'main',
        isAdminEnforced: true,
        requiresApprovingReviews: true,
        requiredApprovingReviewCount: 2,
        dismissesStaleReviews: true,
        requiresCodeOwnerReviews: true,
        allowsForcePushes: false,
        allowsDeletions: false,
        requiresStatusChecks: true,
        requiredStatusCheckContexts: ['ci'],
      },
    ],
  },
  rulesets: {
    pageInfo: { hasNextPage: false },
    nodes: [
      {
        name: 'r',
        enforcement: 'ACTIVE',
        target: 'BRANCH',
        source: { __typename: 'Organization' },
        conditions: { refName: { include: ['~DEFAULT_BRANCH'], exclude: [] } },
        rules: {
          nodes: [
            { type: 'PULL_REQUEST', parameters: { __typename: 'PullRequestParameters', requiredApprovingReviewCount: 1 } },
            { type: 'DELETION', parameters: null },
          ],
        },
        bypassActors: {
          nodes: [
            {
              bypassMode: 'ALWAYS',
              organizationAdmin: false,
              enterpriseOwner: false,
              deployKey: false,
              repositoryRoleName: null,
              repositoryRoleDatabaseId: null,
              actor: { __typename: 'Team', slug: 'sre' },
            },
          ],
        },
      },
    ],
  },
  codeowners0: null,
  codeowners1: { __typename: 'Blob' },
  codeowners2: { __typename: 'Blob' },
  deployKeys: { pageInfo: { hasNextPage: false }, nodes: [{ title: 'ci', readOnly: false }] },
  collaborators: { pageInfo: { hasNextPage: true }, edges: [{ permission: 'ADMIN', node: { login: 'vendor' } }] },
};

describe('parseRepo', () => {
  it('keeps what the checks judge', () => {
    const d = parseRepo(raw);
    expect(d).toMatchObject({
      name: 'api',
      viewerPermission: 'ADMIN',
      defaultBranch: 'main',
      hasVulnerabilityAlertsEnabled: true,
      codeownersPath: 'CODEOWNERS',
    });
    expect(d.branchProtectionRules?.[0]).toMatchObject({ requiredApprovingReviewCount: 2, requiredStatusCheckContexts: ['ci'] });
    expect(d.rulesets?.[0]).toMatchObject({
      source: 'Organization',
      refInclude: ['~DEFAULT_BRANCH'],
      rules: [
        { type: 'PULL_REQUEST', parameters: { requiredApprovingReviewCount: 1 } },
        { type: 'DELETION', parameters: null },
      ],
    });
    expect(d.rulesets?.[0]?.bypassActors?.[0]?.actor).toBe('Team:sre');
    expect(d.deployKeys).toEqual([{ title: 'ci', readOnly: false }]);
  });

  it('marks a truncated list instead of judging part of it', () => {
    expect(parseRepo(raw).fieldErrors.collaborators).toMatch(/^TRUNCATED/);
  });

  it('keeps GraphQL errors by field, and a missing connection as null', () => {
    const d = parseRepo({ ...raw, collaborators: null }, [
      { type: 'FORBIDDEN', message: 'Must have push access', path: ['r0', 'collaborators'] },
    ]);
    expect(d.outsideCollaborators).toBeNull();
    expect(d.fieldErrors.collaborators).toBe('FORBIDDEN: Must have push access');
  });

  it('reads an absent force-push answer as allowed (fail closed)', () => {
    const rule = { ...raw.branchProtectionRules.nodes[0], allowsForcePushes: undefined };
    const d = parseRepo({ ...raw, branchProtectionRules: { nodes: [rule] } });
    expect(d.branchProtectionRules?.[0]?.allowsForcePushes).toBe(true);
  });

  it('reads the workflow folder: .yml/.yaml blobs only, text kept, a truncated or binary blob without text says why', () => {
    const entry = (name: string, type: string, object: unknown) => ({ name, type, object });
    const d = parseRepo({
      ...raw,
      workflows: {
        __typename: 'Tree',
        entries: [
          entry('ci.yml', 'blob', { __typename: 'Blob', text: 'on: push', isBinary: false, isTruncated: false }),
          entry('big.yaml', 'blob', { __typename: 'Blob', text: 'on: pu', isBinary: false, isTruncated: true }),
          entry('logo.yml', 'blob', { __typename: 'Blob', text: null, isBinary: true, isTruncated: false }),
          entry('README.md', 'blob', { __typename: 'Blob', text: '# ci', isBinary: false, isTruncated: false }),
          entry('nested', 'tree', { __typename: 'Tree' }),
        ],
      },
      security0: null,
      security1: null,
      security2: { __typename: 'Blob' },
    });
    expect(d.workflows).toEqual([
      { path: '.github/workflows/ci.yml', text: 'on: push' },
      { path: '.github/workflows/big.yaml', text: null, problem: 'GitHub truncated its text (too large)' },
      { path: '.github/workflows/logo.yml', text: null, problem: 'binary content' },
    ]);
    expect(d.securityPolicyPath).toBe('docs/SECURITY.md');
    expect(parseRepo({ ...raw, workflows: null }).workflows).toEqual([]);
  });
});
