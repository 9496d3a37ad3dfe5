import { AwsError } from './errors.js';
import { epochSeconds, jsonAnswer, jsonError, jsonOperation } from './json.js';
import type { ServiceHandler } from './server.js';

/**
 * AWS Config (JSON 1.1, `StarlingDoveService.*`): the caller's recorder and
 * delivery channel in the request's region. A region without them answers
 * empty lists, as Config does where it was never set up.
 */
export function configService(): ServiceHandler {
  return {
    service: 'config',
    operation: jsonOperation('StarlingDoveService'),
    renderError: (err, req) => jsonError(err, req, { denied: 'AccessDeniedException', throttled: 'ThrottlingException' }),
    handle(op, req, ctx) {
      const account = ctx.caller.account.id;
      const recorders = ctx.caller.account.monitoring.recorders.filter((r) => r.region === req.region);
      const since = epochSeconds(new Date(ctx.world.now.getTime() - 30 * 86_400_000));
      const recent = epochSeconds(new Date(ctx.world.now.getTime() - 10 * 60_000));
      const name = (r: (typeof recorders)[number]) => r.name ?? 'default';
      switch (op) {
        case 'DescribeConfigurationRecorders':
          ctx.authorize('config:DescribeConfigurationRecorders');
          return jsonAnswer(req, {
            ConfigurationRecorders: recorders.map((r) => {
              const strategy = r.strategy ?? 'ALL_SUPPORTED_RESOURCE_TYPES';
              return {
                arn: `arn:aws:config:${req.region}:${account}:configuration-recorder/${name(r)}/${account}${req.region}`,
                name: name(r),
                roleARN: `arn:aws:iam::${account}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig`,
                recordingGroup: {
                  allSupported: strategy === 'ALL_SUPPORTED_RESOURCE_TYPES',
                  includeGlobalResourceTypes: r.includeGlobalResourceTypes ?? false,
                  resourceTypes: strategy === 'INCLUSION_BY_RESOURCE_TYPES' ? (r.resourceTypes ?? []) : [],
                  exclusionByResourceTypes: { resourceTypes: strategy === 'EXCLUSION_BY_RESOURCE_TYPES' ? (r.resourceTypes ?? []) : [] },
                  recordingStrategy: { useOnly: strategy },
                },
                recordingMode: { recordingFrequency: 'CONTINUOUS', recordingModeOverrides: [] },
                recordingScope: 'PAID',
              };
            }),
          });
        case 'DescribeConfigurationRecorderStatus':
          ctx.authorize('config:DescribeConfigurationRecorderStatus');
          return jsonAnswer(req, {
            ConfigurationRecordersStatus: recorders.map((r) => {
              const recording = r.recording ?? true;
              const status = r.lastStatus ?? 'Success';
              return {
                arn: `arn:aws:config:${req.region}:${account}:configuration-recorder/${name(r)}/${account}${req.region}`,
                name: name(r),
                lastStartTime: since,
                ...(recording ? {} : { lastStopTime: recent }),
                recording,
                lastStatus: status,
                ...(status === 'Failure'
                  ? { lastErrorCode: 'AccessDenied', lastErrorMessage: 'Access denied to the configured role.' }
                  : {}),
                lastStatusChangeTime: recent,
              };
            }),
          });
        case 'DescribeDeliveryChannelStatus':
          ctx.authorize('config:DescribeDeliveryChannelStatus');
          return jsonAnswer(req, {
            DeliveryChannelsStatus: recorders
              .filter((r) => r.deliveryChannel ?? true)
              .map((r) => {
                const failed = r.deliveryStatus === 'Failure';
                const info = {
                  lastStatus: failed ? 'Failure' : 'Success',
                  ...(failed ? { lastErrorCode: 'NoSuchBucket', lastErrorMessage: 'The specified bucket does not exist.' } : {}),
                  lastAttemptTime: recent,
                  ...(failed ? {} : { lastSuccessfulTime: recent }),
                };
                return {
                  name: 'default',
                  configSnapshotDeliveryInfo: info,
                  configHistoryDeliveryInfo: info,
                  configStreamDeliveryInfo: { lastStatus: 'NOT_APPLICABLE', lastStatusChangeTime: since },
                };
              }),
          });
        default:
          throw new AwsError('UnknownOperationException', `Unknown operation ${op}`);
      }
    },
  };
}
