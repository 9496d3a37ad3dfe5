import { TARGET } from '../../test/support/github/facts.js';
import type { MemberRepoPrivileges, OrgSettings } from '../../src/providers/github/types.js';
import { checkTester } from '../../src/testing/check-tester.js';
import { answers, failing } from '../../src/testing/run-check.js';
import check from './github.org.repository-creation.js';

const R = 'github:acme';
const LOCKED: MemberRepoPrivileges = {
  createRepositories: true,
  createPublic: false,
  createPrivate: true,
  createInternal: true,
  allowedCreationType: 'private',
  deleteRepositories: false,
  changeVisibility: false,
};
const settings = (memberRepoPrivileges: MemberRepoPrivileges | null) => ({
  orgSettings: answers<OrgSettings>({
    login: 'acme',
    twoFactorRequirementEnabled: true,
    defaultRepositoryPermission: 'read',
    memberRepoPrivileges,
  }),
});

checkTester(check, { target: TARGET }).run({
  'private-only creation without visibility change or deletion passes': {
    facts: settings(LOCKED),
    results: [{ resource: R, status: 'pass', messageId: 'restricted', observed: { org: 'acme', createPublic: false } }],
  },
  'no member creation at all passes even where the public flag is stale': {
    facts: settings({ ...LOCKED, createRepositories: false, createPublic: true, allowedCreationType: 'none' }),
    results: [{ resource: R, status: 'pass', messageId: 'restricted' }],
  },
  'public creation fails': {
    facts: settings({ ...LOCKED, createPublic: true, allowedCreationType: 'all' }),
    results: [{ resource: R, status: 'fail', messageId: 'open', observed: { problems: ['can create public repositories'] } }],
  },
  'the closing-down creation type "all" overrides the flags and fails': {
    facts: settings({ ...LOCKED, allowedCreationType: 'all' }),
    results: [{ resource: R, status: 'fail', messageId: 'open', message: 'can create public repositories' }],
  },
  'public creation passes when the setting allows it': {
    facts: settings({ ...LOCKED, createPublic: true, allowedCreationType: 'all' }),
    settings: { allowPublicCreation: true },
    results: [{ resource: R, status: 'pass', messageId: 'restricted', observed: { allowPublicCreation: true } }],
  },
  'visibility change and deletion fail; an absent field is read as allowed': {
    facts: settings({ ...LOCKED, changeVisibility: true, deleteRepositories: null }),
    results: [
      {
        resource: R,
        status: 'fail',
        messageId: 'open',
        observed: {
          problems: [
            'can change repository visibility (members_can_change_repo_visibility: true)',
            'can delete or transfer repositories (members_can_delete_repositories: null)',
          ],
        },
      },
    ],
  },
  'member privileges hidden from a non-owner are missing data, naming admin:org': {
    facts: settings(null),
    results: [{ resource: R, status: 'error', messageId: 'missingData', message: 'admin:org' }],
  },
  'an organisation that could not be read is not collected': {
    facts: { orgSettings: failing({ kind: 'not_found', message: 'GET /orgs/acme: 404' }) },
    results: [{ resource: R, status: 'error', messageId: 'notCollected', message: '404' }],
  },
});
