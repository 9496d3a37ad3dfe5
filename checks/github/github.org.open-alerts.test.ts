import { NO_REPOS_CASE, TARGET, repoSummary } from '../../test/support/github/facts.js';
import type { AlertKind, OpenAlert } from '../../src/providers/github/types.js';
import { checkTester } from '../../src/testing/check-tester.js';
import { answers, failing } from '../../src/testing/run-check.js';
import check from './github.org.open-alerts.js';

const NOW = new Date('2026-06-01T00:00:00Z');
const daysAgo = (n: number) => new Date(NOW.getTime() - n * 86_400_000).toISOString();
const alert = (repo: string, severity: string | null, age: number, number = 1): OpenAlert => ({
  repo,
  number,
  severity,
  createdAt: daysAgo(age),
});
const facts = (alerts: Partial<Record<AlertKind, OpenAlert[]>>) => ({
  repos: answers([repoSummary('api'), repoSummary('web')]),
  openAlerts: async (kind: AlertKind) => alerts[kind] ?? [],
});
const API = 'github:acme/api';
const WEB = 'github:acme/web';

checkTester(check, { target: TARGET, now: NOW }).run({
  'alerts within their limits pass; each repository is judged on its own': {
    facts: facts({
      dependabot: [alert('api', 'critical', 10), alert('api', 'high', 29, 2), alert('web', 'critical', 16)],
      'code-scanning': [alert('api', 'medium', 80), alert('api', null, 400, 2)],
      'secret-scanning': [],
    }),
    results: [
      {
        resource: API,
        status: 'pass',
        messageId: 'withinLimits',
        observed: { open: 4, counts: { dependabot: { critical: 1, high: 1 }, 'code-scanning': { medium: 1, unrated: 1 } } },
      },
      {
        resource: WEB,
        status: 'fail',
        messageId: 'overdue',
        message: '1 dependabot critical (limit 15 days)',
        observed: { overdueCount: 1, overdue: { 'dependabot critical': 1 } },
      },
    ],
  },
  'a secret-scanning alert is judged as critical; low alerts have no limit by default': {
    facts: facts({ 'secret-scanning': [alert('api', null, 20)], dependabot: [alert('web', 'low', 900)] }),
    results: [
      { resource: API, status: 'fail', messageId: 'overdue', observed: { overdue: { 'secret-scanning critical': 1 } } },
      { resource: WEB, status: 'pass', messageId: 'withinLimits', observed: { open: 1 } },
    ],
  },
  'limits are settings': {
    facts: facts({ dependabot: [alert('api', 'critical', 20)], 'code-scanning': [alert('web', 'low', 10)] }),
    settings: { criticalDays: 30, lowDays: 5 },
    results: [
      { resource: API, status: 'pass', messageId: 'withinLimits' },
      { resource: WEB, status: 'fail', messageId: 'overdue', message: 'code-scanning low (limit 5 days)' },
    ],
  },
  'an alert list the token may not read is not collected for every repository, naming the role': {
    facts: {
      repos: answers([repoSummary('api')]),
      openAlerts: async (kind: AlertKind) => {
        if (kind === 'dependabot')
          return failing({ permission: 'organization owner or security manager with the security_events scope' })();
        return [];
      },
    },
    results: [{ resource: API, status: 'error', messageId: 'notCollected', message: 'security manager' }],
  },
  'no repository in scope': NO_REPOS_CASE,
});
