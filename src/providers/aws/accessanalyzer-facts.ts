import type { FactScope } from '../../core/facts.js';
import { send } from './actions.js';
import type { AwsClients } from './clients.js';
import { allPages } from './paging.js';
import { sdk } from './sdk.js';

const { ListAnalyzersCommand, ListFindingsCommand } = sdk('@aws-sdk/client-accessanalyzer');

export interface Analyzer {
  arn: string;
  name: string;
  /** `ACCOUNT`, `ORGANIZATION` (external access) or an unused- or internal-access type. */
  type: string;
  /** `ACTIVE`, `CREATING`, `DISABLED`, `FAILED`. */
  status: string;
}

export interface ExternalAccessFinding {
  id: string;
  resource: string | null;
  resourceType: string;
  isPublic: boolean | null;
}

export interface AccessAnalyzerFacts {
  analyzers(region: string): Promise<Analyzer[]>;
  /** The analyzer's findings whose status is ACTIVE. */
  activeFindings(region: string, analyzerArn: string): Promise<ExternalAccessFinding[]>;
}

export function accessAnalyzerFacts(scope: FactScope, clients: AwsClients): AccessAnalyzerFacts {
  return {
    analyzers: (region) =>
      scope.fact(`aws.accessanalyzer.analyzers(${region})`, async (rec) => {
        const aa = clients.accessanalyzer(region);
        const pages = await allPages(
          'access-analyzer:ListAnalyzers',
          (nextToken) =>
            send(rec, 'accessanalyzer', new ListAnalyzersCommand({ maxResults: 100, nextToken }), (c, o) => aa.send(c, o), region),
          (p) => p.nextToken,
        );
        return pages.flatMap((p) => p.analyzers!.map((a) => ({ arn: a.arn!, name: a.name!, type: a.type!, status: a.status! })));
      }),
    activeFindings: (region, analyzerArn) =>
      scope.fact(`aws.accessanalyzer.activeFindings(${region},${analyzerArn})`, async (rec) => {
        const aa = clients.accessanalyzer(region);
        const pages = await allPages(
          'access-analyzer:ListFindings',
          (nextToken) =>
            send(
              rec,
              'accessanalyzer',
              new ListFindingsCommand({ analyzerArn, filter: { status: { eq: ['ACTIVE'] } }, maxResults: 100, nextToken }),
              (c, o) => aa.send(c, o),
              analyzerArn,
            ),
          (p) => p.nextToken,
        );
        return pages.flatMap((p) =>
          p.findings!.map((f) => ({
            id: f.id!,
            resource: f.resource ?? null,
            resourceType: f.resourceType!,
            isPublic: f.isPublic ?? null,
          })),
        );
      }),
  };
}
