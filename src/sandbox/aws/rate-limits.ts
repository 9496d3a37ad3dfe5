import { TokenBuckets, type BucketRule } from '../rate/token-bucket.js';

/**
 * The request quotas of the real services that annexa reads, as the
 * sandbox enforces them when a scenario sets `rateLimits: true` (the
 * benchmark does). docs/benchmark.md lists each figure with its source.
 * A quota applies per account and region to the operations it names
 * together (`shared`), or to each operation on its own.
 */
export interface AwsQuota extends BucketRule {
  service: string;
  /** Operations the quota covers; `*` all of the service's. */
  operations: string[];
  /** One bucket for all the operations (a shared quota), or one per operation. */
  shared: boolean;
  /** What one bucket covers besides account and region: S3 partitions by bucket (prefix). */
  per?: 'bucket';
}

export const AWS_QUOTAS: AwsQuota[] = [
  // IAM keeps per-API token buckets whose sizes AWS does not publish; 20/s models a conservative shared read quota.
  { service: 'iam', operations: ['*'], shared: true, perSecond: 20, burst: 20 },
  { service: 'kms', operations: ['ListKeys', 'ListAliases'], shared: false, perSecond: 100, burst: 100 },
  { service: 'kms', operations: ['DescribeKey'], shared: false, perSecond: 2000, burst: 2000 },
  { service: 'kms', operations: ['GetKeyRotationStatus', 'GetKeyPolicy'], shared: false, perSecond: 1000, burst: 1000 },
  // 5,500 GET/HEAD per second per partitioned prefix; a bucket's configuration reads are one prefix.
  { service: 's3', operations: ['*'], shared: true, per: 'bucket', perSecond: 5500, burst: 5500 },
];

/** The quota that covers `service:Operation`, if any. */
export function quotaOf(operation: string, quotas: AwsQuota[] = AWS_QUOTAS): AwsQuota | undefined {
  const [service, op = ''] = operation.split(':');
  return quotas.find((q) => q.service === service && (q.operations.includes('*') || q.operations.includes(op)));
}

export interface RateLimiter {
  /** Whether this call (`s3:GetBucketEncryption`) is refused for exceeding its quota (and counts it when it is). */
  throttled(operation: string, request: { region: string; path: string }, account: string): boolean;
  /** Refused calls by operation. */
  refused(): Record<string, number>;
}

export function rateLimiter(quotas: AwsQuota[] = AWS_QUOTAS, now?: () => number): RateLimiter {
  const buckets = new TokenBuckets(now);
  const refused = new Map<string, number>();
  return {
    throttled(operation, request, account) {
      const quota = quotaOf(operation, quotas);
      if (!quota) return false;
      // IAM is a global service: one quota per account, whatever the signing region.
      const region = quota.service === 'iam' ? 'global' : request.region;
      // Path-style S3: the first segment names the bucket.
      const bucket = quota.per === 'bucket' ? (request.path.split('/')[1] ?? '') : '';
      const key = [account, region, quota.shared ? quota.service : operation, bucket].join('\0');
      if (buckets.take(key, quota)) return false;
      refused.set(operation, (refused.get(operation) ?? 0) + 1);
      return true;
    },
    refused: () => Object.fromEntries(refused),
  };
}
