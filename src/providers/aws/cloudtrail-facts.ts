import type { FactScope } from '../../core/facts.js';
import { send } from './actions.js';
import type { AwsClients } from './clients.js';
import type { MonitoringFacts, Trail } from './monitoring-types.js';
import { sdk } from './sdk.js';

const { DescribeTrailsCommand, GetEventSelectorsCommand, GetTrailStatusCommand } = sdk('@aws-sdk/client-cloudtrail');

/**
 * CloudTrail facts. DescribeTrails in the home Region with shadow trails
 * answers for every Region at once: it lists that Region's trails, the
 * multi-Region trails of other Regions and, in a member account, the
 * organisation's trails. Status and selectors are read per trail, in the
 * trail's home Region and by ARN, as the API asks for shadow trails.
 */
export function cloudtrailFacts(scope: FactScope, clients: AwsClients, options: { homeRegion: string }): MonitoringFacts['cloudtrail'] {
  return {
    trails: () =>
      scope.fact('aws.cloudtrail.trails', async (rec) => {
        const client = clients.cloudtrail(options.homeRegion);
        const answer = await send(rec, 'cloudtrail', new DescribeTrailsCommand({ includeShadowTrails: true }), (c, o) => client.send(c, o));
        return answer.trailList!.map((t): Trail => ({
          name: t.Name!,
          arn: t.TrailARN!,
          homeRegion: t.HomeRegion!,
          multiRegion: t.IsMultiRegionTrail === true,
          organization: t.IsOrganizationTrail === true,
          logFileValidation: t.LogFileValidationEnabled === true,
          kmsKeyId: t.KmsKeyId ?? null,
          bucket: t.S3BucketName ?? null,
          hasCustomEventSelectors: t.HasCustomEventSelectors ?? null,
        }));
      }),
    status: (trail) =>
      scope.fact(`aws.cloudtrail.status(${trail.arn})`, async (rec) => {
        const client = clients.cloudtrail(trail.homeRegion);
        const s = await send(rec, 'cloudtrail', new GetTrailStatusCommand({ Name: trail.arn }), (c, o) => client.send(c, o), trail.arn);
        return {
          isLogging: s.IsLogging!,
          latestDeliveryError: s.LatestDeliveryError || null,
          latestDeliveryTime: s.LatestDeliveryTime?.toISOString() ?? null,
        };
      }),
    eventSelectors: (trail) =>
      scope.fact(`aws.cloudtrail.eventSelectors(${trail.arn})`, async (rec) => {
        const client = clients.cloudtrail(trail.homeRegion);
        const s = await send(
          rec,
          'cloudtrail',
          new GetEventSelectorsCommand({ TrailName: trail.arn }),
          (c, o) => client.send(c, o),
          trail.arn,
        );
        // The answer's shape holds one of the two lists (answers.ts); the other is absent because the trail uses the first kind.
        return {
          basic: (s.EventSelectors ?? []).map((e) => ({
            readWriteType: e.ReadWriteType ?? null,
            includeManagementEvents: e.IncludeManagementEvents ?? null,
            excludeManagementEventSources: e.ExcludeManagementEventSources ?? [],
          })),
          advanced: (s.AdvancedEventSelectors ?? []).map((a) => ({
            name: a.Name ?? null,
            fields: a.FieldSelectors!.map((f) => ({ field: f.Field!, equals: f.Equals ?? [], notEquals: f.NotEquals ?? [] })),
          })),
        };
      }),
  };
}
