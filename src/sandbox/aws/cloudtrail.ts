import { AwsError } from './errors.js';
import { epochSeconds, jsonAnswer, jsonError, jsonInput } from './json.js';
import type { AwsRequest, CallContext, ServiceHandler } from './server.js';
import type { TrailState } from './world-monitoring.js';
import { textOf } from '../../core/text.js';

/**
 * CloudTrail (JSON 1.1, `CloudTrail_20131101.*`). DescribeTrails in a region
 * lists the caller's trails of that region and, with shadow trails (the
 * default), multi-Region trails of other regions and the organisation's
 * trails of the management account. A trail is found by name in its own
 * region of the caller's account, anywhere by ARN (a shadow trail or an
 * organisation trail must be named by ARN).
 */

/** The trails `ctx`'s caller sees in the request's region. */
function visible(ctx: CallContext, req: AwsRequest, shadows: boolean): TrailState[] {
  const me = ctx.caller.account;
  const org = ctx.world.organization;
  const inOrg = org
    ? ctx.world.accounts.filter((a) => a.id !== me.id).flatMap((a) => a.monitoring.trails.filter((t) => t.organization))
    : [];
  const own = me.monitoring.trails.filter((t) => t.homeRegion === req.region || (shadows && t.multiRegion));
  const organization = shadows ? inOrg.filter((t) => t.homeRegion === req.region || t.multiRegion) : [];
  return [...own, ...organization];
}

function findTrail(ctx: CallContext, req: AwsRequest, name: unknown): TrailState {
  const ref = textOf(name ?? '');
  if (!ref) {
    throw new AwsError(
      'InvalidTrailNameException',
      'Trail name or ARN can only contain uppercase letters, lowercase letters, numbers, periods (.), hyphens (-), and underscores (_).',
    );
  }
  const trail = ref.startsWith('arn:')
    ? visible(ctx, req, true).find((t) => t.arn === ref)
    : ctx.caller.account.monitoring.trails.find((t) => t.name === ref && t.homeRegion === req.region);
  if (!trail) throw new AwsError('TrailNotFoundException', `Unknown trail: ${ref} for the user: ${ctx.caller.account.id}`);
  return trail;
}

function describe(t: TrailState) {
  return {
    Name: t.name,
    S3BucketName: t.bucket,
    IncludeGlobalServiceEvents: true,
    IsMultiRegionTrail: t.multiRegion,
    HomeRegion: t.homeRegion,
    TrailARN: t.arn,
    LogFileValidationEnabled: t.logFileValidation ?? false,
    ...(t.kmsKeyArn ? { KmsKeyId: t.kmsKeyArn } : {}),
    HasCustomEventSelectors: Boolean(t.eventSelectors ?? t.advancedEventSelectors),
    HasInsightSelectors: false,
    IsOrganizationTrail: t.organization ?? false,
  };
}

function selectors(t: TrailState) {
  if (t.advancedEventSelectors) {
    return {
      AdvancedEventSelectors: t.advancedEventSelectors.map((a) => ({
        Name: a.name,
        FieldSelectors: a.fieldSelectors.map((f) => ({
          Field: f.field,
          ...(f.equals ? { Equals: f.equals } : {}),
          ...(f.notEquals ? { NotEquals: f.notEquals } : {}),
        })),
      })),
    };
  }
  const basic = t.eventSelectors ?? [{}];
  return {
    EventSelectors: basic.map((s) => ({
      ReadWriteType: s.readWriteType ?? 'All',
      IncludeManagementEvents: s.includeManagementEvents ?? true,
      DataResources: [],
      ExcludeManagementEventSources: s.excludeManagementEventSources ?? [],
    })),
  };
}

export function cloudtrailService(): ServiceHandler {
  return {
    service: 'cloudtrail',
    operation(req) {
      const target = String(req.headers['x-amz-target'] ?? '');
      const m = /^(?:com\.amazonaws\.cloudtrail\.v20131101\.)?CloudTrail_20131101\.(\w+)$/.exec(target);
      if (req.method !== 'POST' || !m?.[1]) throw new AwsError('UnknownOperationException', 'Unknown operation');
      return m[1];
    },
    renderError: (err, req) => jsonError(err, req, { denied: 'AccessDeniedException', throttled: 'ThrottlingException' }),
    handle(op, req, ctx) {
      const input = jsonInput(req);
      switch (op) {
        case 'DescribeTrails': {
          ctx.authorize('cloudtrail:DescribeTrails');
          const names = (input.trailNameList ?? []) as string[];
          const all = visible(ctx, req, input.includeShadowTrails !== false);
          const trails = names.length
            ? all.filter((t) => names.includes(t.arn) || (names.includes(t.name) && t.homeRegion === req.region))
            : all;
          return jsonAnswer(req, { trailList: trails.map(describe) });
        }
        case 'GetTrailStatus': {
          const t = findTrail(ctx, req, input.Name);
          ctx.authorize('cloudtrail:GetTrailStatus', t.arn);
          const logging = t.logging ?? true;
          const delivered = new Date(ctx.world.now.getTime() - 5 * 60_000);
          return jsonAnswer(req, {
            IsLogging: logging,
            ...(t.deliveryError ? { LatestDeliveryError: t.deliveryError, LatestDeliveryAttemptTime: delivered.toISOString() } : {}),
            LatestDeliveryTime: epochSeconds(t.deliveryError ? t.started : delivered),
            StartLoggingTime: epochSeconds(t.started),
            ...(logging ? {} : { StopLoggingTime: epochSeconds(delivered) }),
          });
        }
        case 'GetEventSelectors': {
          const t = findTrail(ctx, req, input.TrailName);
          ctx.authorize('cloudtrail:GetEventSelectors', t.arn);
          return jsonAnswer(req, { TrailARN: t.arn, ...selectors(t) });
        }
        default:
          throw new AwsError('UnknownOperationException', `Unknown operation ${op}`);
      }
    },
  };
}
