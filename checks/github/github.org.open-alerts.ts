import { defineCheck } from '../../src/core/check.js';
import { NO_REPOS, eachRepo } from '../../src/judging/github/each-repo.js';
import type { AlertKind, OpenAlert } from '../../src/providers/github/types.js';
import { settleAll } from '../../src/core/settle.js';

const DAY = 86_400_000;
const KINDS: AlertKind[] = ['dependabot', 'code-scanning', 'secret-scanning'];

export default defineCheck({
  meta: {
    id: 'github.org.open-alerts',
    title: 'Open security alerts are fixed within their severity limit',
    provider: 'github',
    severity: 'high',
    description:
      'Reads the open Dependabot, code-scanning and secret-scanning alerts of the organisation through its organisation-level lists ' +
      '(state=open, 100 a page, every page: one call series per organisation) and fails each repository in scope with an alert open longer ' +
      'than the limit of its severity (from created_at to the run). Severities: Dependabot security_advisory.severity; code scanning ' +
      'rule.security_severity_level (alerts of rules without one rate code quality, not a vulnerability, and are counted but not judged); ' +
      'secret scanning has none, so its alerts take secretScanningSeverity. A limit of null means no limit. The lists need an organisation ' +
      'owner or security manager (classic scopes security_events, or repo); GitHub answers 403 or 404 to anyone else, which is an error ' +
      'for every repository, never "no alerts". A repository where a feature is off has no alerts of that kind to count: whether the ' +
      'features are on is judged by github.repo.dependabot-alerts, github.repo.secret-scanning and github.repo.code-scanning.',
    remediation:
      "Fix, or dismiss with a reason, the alerts listed under the organisation's Security tab, oldest and most severe first; enable " +
      'Dependabot security updates to have fixes proposed.',
    messages: {
      ...NO_REPOS,
      withinLimits: '{open} open alert(s), none past its limit',
      overdue: '{overdueCount} alert(s) open past their limit: {summary}',
    },
    settings: {
      criticalDays: { type: 'integer', default: 15, nullable: true, description: 'Days a critical alert may stay open.' },
      highDays: { type: 'integer', default: 30, nullable: true, description: 'Days a high alert may stay open.' },
      mediumDays: { type: 'integer', default: 90, nullable: true, description: 'Days a medium alert may stay open.' },
      lowDays: { type: 'integer', default: null, nullable: true, description: 'Days a low alert may stay open (null: no limit).' },
      secretScanningSeverity: {
        type: 'string',
        default: 'critical',
        description:
          'The severity a secret-scanning alert is judged as (critical, high, medium, low): a leaked credential has none of its own.',
      },
    },
  },
  async run(ctx) {
    const s = ctx.settings;
    const limits: Record<string, number | null> = { critical: s.criticalDays, high: s.highDays, medium: s.mediumDays, low: s.lowDays };
    const severityOf = (kind: AlertKind, a: OpenAlert) => (kind === 'secret-scanning' ? s.secretScanningSeverity : a.severity);
    return eachRepo(ctx, async (repo) => {
      const lists = await settleAll(KINDS.map((k) => ctx.github.openAlerts(k)));
      const counts: Record<string, Record<string, number>> = {};
      const overdue: Record<string, number> = {};
      let open = 0;
      lists.forEach((alerts, i) => {
        const kind = KINDS[i] as AlertKind;
        for (const a of alerts.filter((x) => x.repo === repo.name)) {
          open++;
          const severity = severityOf(kind, a) ?? 'unrated';
          (counts[kind] ??= {})[severity] = (counts[kind]?.[severity] ?? 0) + 1;
          const limit = limits[severity];
          const age = (ctx.now.getTime() - Date.parse(a.createdAt)) / DAY;
          if (typeof limit === 'number' && !(age <= limit)) overdue[`${kind} ${severity}`] = (overdue[`${kind} ${severity}`] ?? 0) + 1;
        }
      });
      const overdueCount = Object.values(overdue).reduce((a, b) => a + b, 0);
      const observed = { open, counts, overdue, overdueCount, limits };
      if (overdueCount === 0) return ctx.pass(repo.resource, 'withinLimits', observed);
      const summary = Object.entries(overdue)
        .map(([k, n]) => `${n} ${k} (limit ${limits[k.split(' ')[1] ?? ''] ?? '?'} days)`)
        .join(', ');
      return ctx.fail(repo.resource, 'overdue', { ...observed, summary });
    });
  },
});
