import type { FactScope } from '../../core/facts.js';
import { send } from './actions.js';
import type { AwsClients } from './clients.js';
import type { GuardDutyDetector, GuardDutyFinding, MonitoringFacts } from './monitoring-types.js';
import { allPages } from './paging.js';
import { sdk } from './sdk.js';

const { GetDetectorCommand, GetFindingsCommand, ListDetectorsCommand, ListFindingsCommand } = sdk('@aws-sdk/client-guardduty');

/** GuardDuty's lists and GetFindings take at most 50 per call. */
const PAGE = 50;
/** GuardDuty's High band starts at 7.0; Critical (9.0–10.0) is above it. */
const HIGH = 7;

/**
 * GuardDuty facts, per region. A region has at most one detector; a member
 * account of a delegated administrator has its own, created by the
 * administrator's auto-enable. Findings are filtered by the service
 * (severity ≥ 7, not archived) so that only those are read.
 */
export function guarddutyFacts(scope: FactScope, clients: AwsClients): MonitoringFacts['guardduty'] {
  return {
    detectors: (region) =>
      scope.fact(`aws.guardduty.detectors(${region})`, async (rec) => {
        const client = clients.guardduty(region);
        const pages = await allPages(
          'guardduty:ListDetectors',
          (NextToken) =>
            send(rec, 'guardduty', new ListDetectorsCommand({ MaxResults: PAGE, NextToken }), (c, o) => client.send(c, o), region),
          (p) => p.NextToken,
        );
        const detectors: GuardDutyDetector[] = [];
        for (const id of pages.flatMap((p) => p.DetectorIds!)) {
          const d = await send(rec, 'guardduty', new GetDetectorCommand({ DetectorId: id }), (c, o) => client.send(c, o), id);
          detectors.push({ id, status: d.Status!, createdAt: d.CreatedAt ?? null });
        }
        return detectors;
      }),
    highFindings: (region, detectorId) =>
      scope.fact(`aws.guardduty.highFindings(${region},${detectorId})`, async (rec) => {
        const client = clients.guardduty(region);
        const FindingCriteria = { Criterion: { severity: { GreaterThanOrEqual: HIGH }, 'service.archived': { Equals: ['false'] } } };
        const pages = await allPages(
          'guardduty:ListFindings',
          (NextToken) =>
            send(
              rec,
              'guardduty',
              new ListFindingsCommand({ DetectorId: detectorId, FindingCriteria, MaxResults: PAGE, NextToken }),
              (c, o) => client.send(c, o),
              detectorId,
            ),
          (p) => p.NextToken,
        );
        const ids = pages.flatMap((p) => p.FindingIds!);
        const findings: GuardDutyFinding[] = [];
        for (let i = 0; i < ids.length; i += PAGE) {
          const FindingIds = ids.slice(i, i + PAGE);
          const answer = await send(
            rec,
            'guardduty',
            new GetFindingsCommand({ DetectorId: detectorId, FindingIds }),
            (c, o) => client.send(c, o),
            detectorId,
          );
          for (const f of answer.Findings!) {
            findings.push({ id: f.Id!, severity: f.Severity!, type: f.Type!, createdAt: f.CreatedAt!, updatedAt: f.UpdatedAt ?? null });
          }
        }
        return findings;
      }),
  };
}
