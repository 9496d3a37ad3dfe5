import type {
  GetBucketEncryptionCommandOutput,
  GetBucketLocationCommandOutput,
  GetBucketLoggingCommandOutput,
  GetBucketPolicyCommandOutput,
  GetBucketVersioningCommandOutput,
  GetPublicAccessBlockCommandOutput,
  S3Client,
} from '@aws-sdk/client-s3';
import type { CallRecorder, FactScope } from '../../core/facts.js';
import { send, type SendOptions } from './actions.js';
import type { AwsClients } from './clients.js';
import { isCode } from './errors.js';
import { parsePolicyDocument } from './policy.js';
import type { AwsFacts, Bucket, PublicAccessBlock } from './types.js';
import { sdk } from './sdk.js';

const {
  GetBucketEncryptionCommand,
  GetBucketLocationCommand,
  GetBucketLoggingCommand,
  GetBucketPolicyCommand,
  GetBucketVersioningCommand,
  GetPublicAccessBlockCommand,
  ListBucketsCommand,
} = sdk('@aws-sdk/client-s3');
const { GetPublicAccessBlockCommand: GetAccountPublicAccessBlockCommand } = sdk('@aws-sdk/client-s3-control');
type GetBucketLocationCommand = InstanceType<typeof GetBucketLocationCommand>;
type GetBucketEncryptionCommand = InstanceType<typeof GetBucketEncryptionCommand>;
type GetBucketPolicyCommand = InstanceType<typeof GetBucketPolicyCommand>;
type GetPublicAccessBlockCommand = InstanceType<typeof GetPublicAccessBlockCommand>;
type GetBucketVersioningCommand = InstanceType<typeof GetBucketVersioningCommand>;
type GetBucketLoggingCommand = InstanceType<typeof GetBucketLoggingCommand>;

interface S3FactOptions {
  accountId: string;
  partition: string;
  homeRegion: string;
}

/** The region a 301 names: the x-amz-bucket-region header, else the endpoint in the error body. */
export function redirectRegion(err: unknown): string | undefined {
  const e = err as {
    $metadata?: { httpStatusCode?: number };
    $response?: { headers?: Record<string, string> };
    Endpoint?: string;
    Region?: string;
    name?: string;
  };
  if (e?.$metadata?.httpStatusCode !== 301 && e?.name !== 'PermanentRedirect') return undefined;
  const header = e.$response?.headers?.['x-amz-bucket-region'];
  if (header) return header;
  if (e.Region) return e.Region;
  return e.Endpoint?.match(/s3[.-]([a-z]{2}(?:-[a-z]+)+-\d)\./)?.[1];
}

/** GetBucketLocation's answer as a region name: empty means us-east-1, `EU` is the old name of eu-west-1. */
export function locationToRegion(location: string | undefined | null): string {
  if (!location) return 'us-east-1';
  return location === 'EU' ? 'eu-west-1' : location;
}

function pab(c: Partial<PublicAccessBlock> | undefined): PublicAccessBlock | null {
  if (!c) return null;
  return {
    BlockPublicAcls: c.BlockPublicAcls === true,
    IgnorePublicAcls: c.IgnorePublicAcls === true,
    BlockPublicPolicy: c.BlockPublicPolicy === true,
    RestrictPublicBuckets: c.RestrictPublicBuckets === true,
  };
}

/** `null` in place of a documented "not configured" error. */
async function orNull<T>(codes: string[], fetch: () => Promise<T>): Promise<T | null> {
  try {
    return await fetch();
  } catch (err) {
    if (isCode(err, ...codes)) return null;
    throw err;
  }
}

/**
 * Sends a bucket command through the client of `region`; a 301 naming
 * another region is followed once, as real S3 asks of its clients.
 */
export async function inRegion<C extends object, O>(
  rec: CallRecorder,
  clients: AwsClients,
  bucket: string,
  region: string,
  command: C,
): Promise<O> {
  const dispatch = (client: S3Client) => (c: C, o: SendOptions) => client.send(c as never, o) as Promise<O>;
  try {
    return await send(rec, 's3', command, dispatch(clients.s3(region)), bucket);
  } catch (err) {
    const moved = redirectRegion(err);
    if (!moved || moved === region) throw err;
    return send(rec, 's3', command, dispatch(clients.s3(moved)), bucket);
  }
}

export function s3Facts(scope: FactScope, clients: AwsClients, options: S3FactOptions): AwsFacts['s3'] {
  const listBuckets = () =>
    scope.fact('aws.s3.buckets', async (rec) => {
      const s3 = clients.s3(options.homeRegion);
      const buckets: Bucket[] = [];
      let ContinuationToken: string | undefined;
      do {
        // 10,000 is the largest page; asking for pages at all also makes S3 name each bucket's region (BucketRegion).
        const page = await send(rec, 's3', new ListBucketsCommand({ MaxBuckets: 10_000, ContinuationToken }), (c, o) => s3.send(c, o));
        for (const b of page.Buckets!) {
          buckets.push({
            name: b.Name!,
            arn: `arn:${options.partition}:s3:::${b.Name}`,
            creationDate: b.CreationDate?.toISOString() ?? null,
            region: b.BucketRegion ?? null,
          });
        }
        ContinuationToken = page.ContinuationToken;
      } while (ContinuationToken);
      return buckets;
    });

  const bucketRegion = (bucket: string) =>
    scope.fact(`aws.s3.bucketRegion(${bucket})`, async (rec) => {
      const listed = (await listBuckets()).find((b) => b.name === bucket)?.region;
      if (listed) return listed;
      const answer = await inRegion<GetBucketLocationCommand, GetBucketLocationCommandOutput>(
        rec,
        clients,
        bucket,
        options.homeRegion,
        new GetBucketLocationCommand({ Bucket: bucket }),
      );
      return locationToRegion(answer.LocationConstraint);
    });

  const bucketCall = async <C extends object, O>(rec: CallRecorder, bucket: string, command: C): Promise<O> =>
    inRegion<C, O>(rec, clients, bucket, await bucketRegion(bucket), command);

  return {
    buckets: listBuckets,
    bucketRegion,
    bucketEncryption: (bucket) =>
      scope.fact(`aws.s3.bucketEncryption(${bucket})`, (rec) =>
        orNull(['ServerSideEncryptionConfigurationNotFoundError'], async () => {
          const answer = await bucketCall<GetBucketEncryptionCommand, GetBucketEncryptionCommandOutput>(
            rec,
            bucket,
            new GetBucketEncryptionCommand({ Bucket: bucket }),
          );
          return {
            rules: answer.ServerSideEncryptionConfiguration!.Rules!.map((r) => ({
              algorithm: r.ApplyServerSideEncryptionByDefault?.SSEAlgorithm ?? null,
              kmsKeyId: r.ApplyServerSideEncryptionByDefault?.KMSMasterKeyID ?? null,
              bucketKeyEnabled: r.BucketKeyEnabled ?? null,
              blockedEncryptionTypes: r.BlockedEncryptionTypes?.EncryptionType ?? [],
            })),
          };
        }),
      ),
    bucketPolicy: (bucket) =>
      scope.fact(`aws.s3.bucketPolicy(${bucket})`, (rec) =>
        orNull(['NoSuchBucketPolicy'], async () => {
          const answer = await bucketCall<GetBucketPolicyCommand, GetBucketPolicyCommandOutput>(
            rec,
            bucket,
            new GetBucketPolicyCommand({ Bucket: bucket }),
          );
          return parsePolicyDocument(answer.Policy!);
        }),
      ),
    publicAccessBlock: (bucket) =>
      scope.fact(`aws.s3.publicAccessBlock(${bucket})`, (rec) =>
        orNull(['NoSuchPublicAccessBlockConfiguration'], async () => {
          const answer = await bucketCall<GetPublicAccessBlockCommand, GetPublicAccessBlockCommandOutput>(
            rec,
            bucket,
            new GetPublicAccessBlockCommand({ Bucket: bucket }),
          );
          return pab(answer.PublicAccessBlockConfiguration);
        }),
      ),
    accountPublicAccessBlock: () =>
      scope.fact('aws.s3.accountPublicAccessBlock', (rec) =>
        orNull(['NoSuchPublicAccessBlockConfiguration'], async () => {
          const s3control = clients.s3control();
          const answer = await send(rec, 's3control', new GetAccountPublicAccessBlockCommand({ AccountId: options.accountId }), (c, o) =>
            s3control.send(c, o),
          );
          return pab(answer.PublicAccessBlockConfiguration);
        }),
      ),
    versioning: (bucket) =>
      scope.fact(`aws.s3.versioning(${bucket})`, async (rec) => {
        const answer = await bucketCall<GetBucketVersioningCommand, GetBucketVersioningCommandOutput>(
          rec,
          bucket,
          new GetBucketVersioningCommand({ Bucket: bucket }),
        );
        return { status: answer.Status ?? null, mfaDelete: answer.MFADelete ?? null };
      }),
    logging: (bucket) =>
      scope.fact(`aws.s3.logging(${bucket})`, async (rec) => {
        const answer = await bucketCall<GetBucketLoggingCommand, GetBucketLoggingCommandOutput>(
          rec,
          bucket,
          new GetBucketLoggingCommand({ Bucket: bucket }),
        );
        const target = answer.LoggingEnabled;
        return {
          enabled: Boolean(target?.TargetBucket),
          targetBucket: target?.TargetBucket ?? null,
          targetPrefix: target?.TargetPrefix ?? null,
        };
      }),
  };
}
