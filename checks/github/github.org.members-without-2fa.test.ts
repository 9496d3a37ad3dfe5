import { TARGET } from '../../test/support/github/facts.js';
import type { Affiliation, GithubFacts, Member, TwoFactorFilter } from '../../src/providers/github/types.js';
import { checkTester } from '../../src/testing/check-tester.js';
import { answers, failing } from '../../src/testing/run-check.js';
import check from './github.org.members-without-2fa.js';

const R = 'github:acme';
type Lists = Partial<Record<`${Affiliation} ${TwoFactorFilter}`, string[]>>;
/** The four lists GitHub's 2FA filters answer; each empty unless given. */
const facts = (lists: Lists): Pick<GithubFacts, 'membersWithout2fa' | 'twoFactorAccounts'> => {
  const of = (who: Affiliation, filter: TwoFactorFilter): Member[] => (lists[`${who} ${filter}`] ?? []).map((login) => ({ login }));
  return { membersWithout2fa: answers(of('members', '2fa_disabled')), twoFactorAccounts: async (who, filter) => of(who, filter) };
};

checkTester(check, { target: TARGET }).run({
  'no one listed by any filter passes': {
    facts: facts({}),
    results: [{ resource: R, status: 'pass', messageId: 'none', observed: { org: 'acme', count: 0, accounts: [] } }],
  },
  'members with 2FA disabled fail, listed in order': {
    facts: facts({ 'members 2fa_disabled': ['zed', 'amy'] }),
    results: [
      {
        resource: R,
        status: 'fail',
        messageId: 'some',
        observed: { org: 'acme', count: 2, members: ['amy', 'zed'] },
        message: 'amy (member, 2FA disabled), zed (member, 2FA disabled)',
      },
    ],
  },
  'a member whose only second factor is SMS fails': {
    facts: facts({ 'members 2fa_insecure': ['sam'] }),
    results: [
      {
        resource: R,
        status: 'fail',
        messageId: 'some',
        observed: { count: 1, insecureMembers: ['sam'] },
        message: 'sam (member, insecure 2FA)',
      },
    ],
  },
  'outside collaborators without 2FA or with insecure 2FA fail': {
    facts: facts({ 'outside_collaborators 2fa_disabled': ['vendor'], 'outside_collaborators 2fa_insecure': ['contractor'] }),
    results: [
      {
        resource: R,
        status: 'fail',
        messageId: 'some',
        observed: { count: 2, outsideCollaborators: ['vendor'], insecureOutsideCollaborators: ['contractor'] },
        message: 'vendor (outside collaborator, 2FA disabled), contractor (outside collaborator, insecure 2FA)',
      },
    ],
  },
  'an organisation declared Enterprise Managed Users is not applicable, whatever GitHub lists': {
    facts: facts({ 'members 2fa_disabled': ['amy'] }),
    settings: { managedUsers: true },
    results: [{ resource: R, status: 'not_applicable', messageId: 'managedUsers', observed: { org: 'acme' } }],
  },
  'a denied member filter is not collected, naming the owner requirement': {
    facts: { ...facts({}), membersWithout2fa: failing({ permission: 'organization owner with the read:org scope' }) },
    results: [{ resource: R, status: 'error', messageId: 'notCollected', message: 'organization owner' }],
  },
  'a denied outside-collaborator filter is not collected': {
    facts: { ...facts({}), twoFactorAccounts: failing({ permission: 'organization owner with the read:org scope' }) },
    results: [{ resource: R, status: 'error', messageId: 'notCollected', message: 'organization owner' }],
  },
});
