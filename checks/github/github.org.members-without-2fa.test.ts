import { TARGET } from '../../test/support/github/facts.js';
import { checkTester } from '../../src/testing/check-tester.js';
import { answers, failing } from '../../src/testing/run-check.js';
import check from './github.org.members-without-2fa.js';

const R = 'github:acme';

checkTester(check, { target: TARGET }).run({
  'no member with 2FA disabled passes': {
    facts: { membersWithout2fa: answers([]) },
    results: [{ resource: R, status: 'pass', messageId: 'none', observed: { org: 'acme', count: 0, members: [] } }],
  },
  'members with 2FA disabled fail, listed in order': {
    facts: { membersWithout2fa: answers([{ login: 'zed' }, { login: 'amy' }]) },
    results: [{ resource: R, status: 'fail', messageId: 'some', observed: { org: 'acme', count: 2, members: ['amy', 'zed'] }, message: 'amy, zed' }],
  },
  'a denied filter is not collected, naming the owner requirement': {
    facts: { membersWithout2fa: failing({ permission: 'organization owner with the read:org scope' }) },
    results: [{ resource: R, status: 'error', messageId: 'notCollected', message: 'organization owner' }],
  },
});
