import type { FactScope } from '../../core/facts.js';
import { send } from './actions.js';
import type { AwsClients } from './clients.js';
import type { MonitoringFacts } from './monitoring-types.js';
import { sdk } from './sdk.js';

const { DescribeConfigurationRecordersCommand, DescribeConfigurationRecorderStatusCommand, DescribeDeliveryChannelStatusCommand } =
  sdk('@aws-sdk/client-config-service');

/**
 * AWS Config facts, per region: three unpaginated describe calls (a region
 * has at most one customer-managed recorder and one delivery channel).
 * Service-linked recorders, which record only what one AWS service needs,
 * are left out: they say nothing of the account's own recording.
 */
export function configFacts(scope: FactScope, clients: AwsClients): MonitoringFacts['config'] {
  return {
    recorders: (region) =>
      scope.fact(`aws.config.recorders(${region})`, async (rec) => {
        const client = clients.config(region);
        const answer = await send(rec, 'config', new DescribeConfigurationRecordersCommand({}), (c, o) => client.send(c, o), region);
        return answer
          .ConfigurationRecorders!.filter((r) => !r.servicePrincipal)
          .map((r) => {
            // the answer's shape holds a customer managed recorder's group with allSupported (answers.ts);
            // the lists are optional, and absent means none (the strategy without them predates strategies)
            const g = r.recordingGroup!;
            return {
              name: r.name!,
              allSupported: g.allSupported!,
              includeGlobalResourceTypes: g.includeGlobalResourceTypes === true,
              strategy: g.recordingStrategy?.useOnly ?? null,
              resourceTypes: g.resourceTypes ?? [],
              excludedResourceTypes: g.exclusionByResourceTypes?.resourceTypes ?? [],
            };
          });
      }),
    recorderStatus: (region) =>
      scope.fact(`aws.config.recorderStatus(${region})`, async (rec) => {
        const client = clients.config(region);
        const answer = await send(rec, 'config', new DescribeConfigurationRecorderStatusCommand({}), (c, o) => client.send(c, o), region);
        return answer
          .ConfigurationRecordersStatus!.filter((s) => !s.servicePrincipal)
          .map((s) => ({
            name: s.name!,
            recording: s.recording!,
            lastStatus: s.lastStatus ?? null,
            lastErrorCode: s.lastErrorCode ?? null,
          }));
      }),
    deliveryStatus: (region) =>
      scope.fact(`aws.config.deliveryStatus(${region})`, async (rec) => {
        const client = clients.config(region);
        const answer = await send(rec, 'config', new DescribeDeliveryChannelStatusCommand({}), (c, o) => client.send(c, o), region);
        return answer.DeliveryChannelsStatus!.map((s) => ({
          name: s.name!,
          historyStatus: s.configHistoryDeliveryInfo?.lastStatus ?? null,
          historyError: s.configHistoryDeliveryInfo?.lastErrorCode ?? null,
        }));
      }),
  };
}
