import { TARGET } from '../../test/support/github/facts.js';
import { checkTester } from '../../src/testing/check-tester.js';
import { answers, failing } from '../../src/testing/run-check.js';
import check from './github.org.owner-count.js';

const owners = (n: number) => answers(Array.from({ length: n }, (_, i) => ({ login: `owner${i}` })));
const R = 'github:acme';

checkTester(check, { target: TARGET }).run({
  'one owner passes': {
    facts: { owners: owners(1) },
    results: [{ resource: R, status: 'pass', messageId: 'within', observed: { org: 'acme', count: 1, max: 3, owners: ['owner0'] } }],
  },
  'three owners, the default maximum, pass': {
    facts: { owners: owners(3) },
    results: [{ resource: R, status: 'pass', messageId: 'within', observed: { count: 3, max: 3 } }],
  },
  'four owners fail, all named': {
    facts: { owners: owners(4) },
    results: [
      {
        resource: R,
        status: 'fail',
        messageId: 'tooMany',
        observed: { org: 'acme', count: 4, max: 3, owners: ['owner0', 'owner1', 'owner2', 'owner3'] },
      },
    ],
  },
  'maxOwners raised to 5 lets four pass': {
    facts: { owners: owners(4) },
    settings: { maxOwners: 5 },
    results: [{ resource: R, status: 'pass', messageId: 'within', observed: { count: 4, max: 5 } }],
  },
  'maxOwners lowered to 1 fails two': {
    facts: { owners: owners(2) },
    settings: { maxOwners: 1 },
    results: [{ resource: R, status: 'fail', messageId: 'tooMany', observed: { count: 2, max: 1 } }],
  },
  'an empty owner list is missing data (every organisation has an owner)': {
    facts: { owners: owners(0) },
    results: [{ resource: R, status: 'error', messageId: 'missingData', message: 'read:org' }],
  },
  'a denied owner list is not collected, naming the scope': {
    facts: { owners: failing({ permission: 'read:org scope' }) },
    results: [{ resource: R, status: 'error', messageId: 'notCollected', message: 'read:org' }],
  },
});
