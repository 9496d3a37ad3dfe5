import { defineCheck } from '../../src/core/check.js';
import { eachRegion, regionResource } from '../../src/judging/aws/regional.js';
import { settleAll } from '../../src/core/settle.js';

/** Analyzer types that report external access; the unused- and internal-access types do not. */
const EXTERNAL_ACCESS = new Set(['ACCOUNT', 'ORGANIZATION']);

export default defineCheck({
  meta: {
    id: 'aws.accessanalyzer.external-access',
    title: 'IAM Access Analyzer finds no external access',
    provider: 'aws',
    severity: 'high',
    description:
      'In every scanned region, an IAM Access Analyzer of type ACCOUNT or ORGANIZATION (an organisation analyzer, in the management or ' +
      'delegated administrator account, analyses every member) is ACTIVE (ListAnalyzers), and none of those analyzers has an ACTIVE ' +
      'finding (ListFindings filtered on status ACTIVE: a resource shared outside the zone of trust that is neither archived nor resolved). ' +
      'A region without such an analyzer fails, whatever unused- or internal-access analyzers it has; an analyzer that is CREATING, ' +
      'DISABLED or FAILED does not count. Findings are counted once per resource across analyzers.',
    remediation:
      'Create an account (or organisation) analyzer in each region; for each active finding, remove the external access or archive the finding if it is intended.',
    messages: {
      noExternalAccess: 'Access Analyzer {analyzers} in {region} has no active external-access findings',
      externalAccess: '{findingCount} resources in {region} are accessible from outside the zone of trust ({publicCount} public)',
      noAnalyzer: 'No active account or organisation analyzer in {region}',
    },
  },
  async run(ctx) {
    return eachRegion(ctx, regionResource(ctx, 'access-analyzer', 'analyzer/*'), async (region, resource) => {
      const all = await ctx.aws.accessAnalyzer.analyzers(region);
      const active = all.filter((a) => EXTERNAL_ACCESS.has(a.type) && a.status === 'ACTIVE');
      const seen = all.map((a) => `${a.name} (${a.type}, ${a.status})`);
      if (!active.length) return ctx.fail(resource, 'noAnalyzer', { region, analyzersSeen: seen });
      const findings = (await settleAll(active.map((a) => ctx.aws.accessAnalyzer.activeFindings(region, a.arn)))).flat();
      const byResource = new Map(findings.map((f) => [f.resource ?? f.id, f]));
      const o = { region, analyzers: active.map((a) => `${a.name} (${a.type})`) };
      if (!byResource.size) return ctx.pass(resource, 'noExternalAccess', o);
      const exposed = [...byResource.values()];
      return ctx.fail(resource, 'externalAccess', {
        ...o,
        findingCount: exposed.length,
        publicCount: exposed.filter((f) => f.isPublic).length,
        resources: exposed.slice(0, 20).map((f) => `${f.resourceType} ${f.resource ?? f.id}`),
      });
    });
  },
});
