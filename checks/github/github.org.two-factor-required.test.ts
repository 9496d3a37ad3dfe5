import { TARGET } from '../../test/support/github/facts.js';
import type { OrgSettings } from '../../src/providers/github/types.js';
import { answers, failing } from '../../src/testing/run-check.js';
import { checkTester } from '../../src/testing/check-tester.js';
import check from './github.org.two-factor-required.js';

const settings = (twoFactorRequirementEnabled: boolean | null) =>
  answers<OrgSettings>({ login: 'acme', twoFactorRequirementEnabled, defaultRepositoryPermission: 'read' });

checkTester(check, { target: TARGET }).run({
  'required passes': {
    facts: { orgSettings: settings(true) },
    results: [
      { resource: 'github:acme', status: 'pass', messageId: 'required', observed: { org: 'acme', twoFactorRequirementEnabled: true } },
    ],
  },
  'not required fails': {
    facts: { orgSettings: settings(false) },
    results: [
      { resource: 'github:acme', status: 'fail', messageId: 'notRequired', observed: { org: 'acme', twoFactorRequirementEnabled: false } },
    ],
  },
  'a null setting (GitHub hides it from non-owners) is missing data naming admin:org': {
    facts: { orgSettings: settings(null) },
    results: [
      {
        resource: 'github:acme',
        status: 'error',
        messageId: 'missingData',
        message: 'admin:org',
        observed: { reason: { kind: 'missing' } },
      },
    ],
  },
  "an organisation declared Enterprise Managed Users is not applicable (sign-in is the identity provider's)": {
    facts: { orgSettings: settings(false) },
    settings: { managedUsers: true },
    results: [{ resource: 'github:acme', status: 'not_applicable', messageId: 'managedUsers', observed: { org: 'acme' } }],
  },
  'an organisation that cannot be read is not collected': {
    facts: { orgSettings: failing({ kind: 'not_found', message: 'Not Found' }) },
    results: [{ resource: 'github:acme', status: 'error', messageId: 'notCollected', observed: { reason: { kind: 'not_found' } } }],
  },
});
