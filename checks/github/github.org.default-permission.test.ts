import { TARGET } from '../../test/support/github/facts.js';
import type { OrgSettings } from '../../src/providers/github/types.js';
import { checkTester } from '../../src/testing/check-tester.js';
import { answers, failing } from '../../src/testing/run-check.js';
import check from './github.org.default-permission.js';

const settings = (defaultRepositoryPermission: string | null) =>
  answers<OrgSettings>({ login: 'acme', twoFactorRequirementEnabled: true, defaultRepositoryPermission });
const R = 'github:acme';

checkTester(check, { target: TARGET }).run({
  'base permission none passes': {
    facts: { orgSettings: settings('none') },
    results: [{ resource: R, status: 'pass', messageId: 'limited', observed: { org: 'acme', permission: 'none' } }],
  },
  'base permission read passes': {
    facts: { orgSettings: settings('read') },
    results: [{ resource: R, status: 'pass', messageId: 'limited', observed: { permission: 'read' } }],
  },
  'base permission write fails': {
    facts: { orgSettings: settings('write') },
    results: [
      { resource: R, status: 'fail', messageId: 'broad', observed: { org: 'acme', permission: 'write', allowed: ['none', 'read'] } },
    ],
  },
  'base permission admin fails': {
    facts: { orgSettings: settings('admin') },
    results: [{ resource: R, status: 'fail', messageId: 'broad', observed: { permission: 'admin' } }],
  },
  'the allowed list is a setting': {
    facts: { orgSettings: settings('read') },
    settings: { allowed: ['none'] },
    results: [{ resource: R, status: 'fail', messageId: 'broad', observed: { permission: 'read', allowed: ['none'] } }],
  },
  'a hidden base permission is missing data naming admin:org': {
    facts: { orgSettings: settings(null) },
    results: [{ resource: R, status: 'error', messageId: 'missingData', message: 'admin:org' }],
  },
  'an unreadable organisation is not collected': {
    facts: { orgSettings: failing({ permission: 'read:org' }) },
    results: [{ resource: R, status: 'error', messageId: 'notCollected', message: 'read:org' }],
  },
});
