import { AwsError, Denied, Throttled } from './errors.js';
import { hexId } from './ids.js';
import type { Answer, AwsRequest, CallContext, ServiceHandler } from './server.js';
import type { Account, Bucket } from './world.js';
import { document, list, type XmlObject } from './xml.js';

/**
 * S3 (REST-XML, path-style: `/{bucket}?{subresource}`). The signing region
 * of the request is the region of the endpoint it was sent to: a bucket of
 * another region answers 301 PermanentRedirect naming its region, as S3 does.
 */
const NS = 'http://s3.amazonaws.com/doc/2006-03-01/';

/** Operation by subresource, with the IAM action that authorises it. */
const SUBRESOURCES: [string, string, string][] = [
  ['location', 'GetBucketLocation', 's3:GetBucketLocation'],
  ['encryption', 'GetBucketEncryption', 's3:GetEncryptionConfiguration'],
  ['policyStatus', 'GetBucketPolicyStatus', 's3:GetBucketPolicyStatus'],
  ['policy', 'GetBucketPolicy', 's3:GetBucketPolicy'],
  ['publicAccessBlock', 'GetPublicAccessBlock', 's3:GetBucketPublicAccessBlock'],
  ['versioning', 'GetBucketVersioning', 's3:GetBucketVersioning'],
  ['logging', 'GetBucketLogging', 's3:GetBucketLogging'],
];
const ACTIONS: Record<string, string> = Object.fromEntries<string>([
  ...SUBRESOURCES.map(([, op, a]): [string, string] => [op, a]),
  ['ListBuckets', 's3:ListAllMyBuckets'],
  ['HeadBucket', 's3:ListBucket'],
]);

/** The IAM action an operation needs; every operation the handler routes has one. */
function actionOf(op: string): string {
  const action = ACTIONS[op];
  if (!action) throw new Error(`s3 sandbox: no IAM action for ${op}`);
  return action;
}

function headers(req: AwsRequest, contentType = 'application/xml'): Record<string, string> {
  return {
    'content-type': contentType,
    'x-amz-request-id': req.requestId.replace(/-/g, '').slice(0, 16).toUpperCase(),
    'x-amz-id-2': Buffer.from(hexId(req.requestId, 48), 'hex').toString('base64'),
  };
}

function xml(req: AwsRequest, root: string, body: XmlObject): Answer {
  return { status: 200, headers: headers(req), body: document(root, NS, body) };
}

function bucketName(req: AwsRequest): string {
  return decodeURIComponent(req.path.split('/')[1] ?? '');
}

function s3Operation(req: AwsRequest): string {
  if (req.method !== 'GET' && req.method !== 'HEAD')
    throw new AwsError('MethodNotAllowed', 'The specified method is not allowed against this resource.', 405);
  if (bucketName(req) === '') return 'ListBuckets';
  if (req.method === 'HEAD') return 'HeadBucket';
  const sub = SUBRESOURCES.find(([q]) => req.query.has(q));
  if (!sub) throw new AwsError('NotImplemented', 'A header or query you provided implies functionality that is not implemented.', 501);
  return sub[1];
}

function allBlocked(b: Bucket): boolean {
  const p = b.publicAccessBlock;
  return !!p && p.blockPublicAcls && p.ignorePublicAcls && p.blockPublicPolicy && p.restrictPublicBuckets;
}

/** A policy is public when it allows an anonymous principal without a condition (S3's own judgement, simplified). */
function isPublic(policy: Record<string, unknown>): boolean {
  const statements = ([] as unknown[]).concat(policy.Statement ?? []) as Record<string, unknown>[];
  return statements.some((s) => {
    const p = s.Principal;
    const anyone =
      p === '*' ||
      (typeof p === 'object' && p !== null && ([] as unknown[]).concat((p as Record<string, unknown>).AWS ?? []).includes('*'));
    return s.Effect === 'Allow' && anyone && s.Condition === undefined;
  });
}

function listBuckets(req: AwsRequest, ctx: CallContext): Answer {
  const a = ctx.caller.account;
  const max = Number(req.query.get('max-buckets') ?? 10000);
  if (!Number.isInteger(max) || max < 1 || max > 10000)
    throw new AwsError('InvalidArgument', 'Argument max-buckets must be an integer between 1 and 10000.');
  const prefix = req.query.get('prefix') ?? '';
  const region = req.query.get('bucket-region');
  const all = [...a.buckets]
    .sort((x, y) => x.name.localeCompare(y.name))
    .filter((b) => b.name.startsWith(prefix) && (!region || b.region === region));
  const token = req.query.get('continuation-token');
  const after = token ? Buffer.from(token, 'base64').toString('utf8') : '';
  const rest = all.filter((b) => b.name > after);
  const pageItems = rest.slice(0, max);
  const more = rest.length > max;
  return xml(req, 'ListAllMyBucketsResult', {
    Owner: { ID: hexId(`owner:${a.id}`) },
    Buckets: list(
      pageItems.map((b) => ({ Name: b.name, CreationDate: b.created, BucketRegion: b.region })),
      'Bucket',
    ),
    ContinuationToken: more ? Buffer.from(pageItems.at(-1)?.name ?? '').toString('base64') : undefined,
    Prefix: req.query.has('prefix') ? prefix : undefined,
  });
}

function encryption(a: Account, b: Bucket): XmlObject {
  const e = b.encryption ?? { algorithm: 'AES256' as const };
  if (e === 'none')
    throw new AwsError('ServerSideEncryptionConfigurationNotFoundError', 'The server side encryption configuration was not found', 404, {
      BucketName: b.name,
    });
  // A configured alias or key id is answered as the key's ARN when the key exists, as the console stores it.
  const key = e.key && a.keys.find((k) => k.region === b.region && (k.id === e.key || k.arn === e.key || k.aliases.includes(e.key!)));
  return {
    Rule: {
      ApplyServerSideEncryptionByDefault: { SSEAlgorithm: e.algorithm, KMSMasterKeyID: key ? key.arn : e.key },
      BucketKeyEnabled: e.bucketKey ?? false,
      // A flattened list: <BlockedEncryptionTypes><EncryptionType>SSE-C</EncryptionType></BlockedEncryptionTypes>.
      ...(e.blockSseC ? { BlockedEncryptionTypes: { EncryptionType: list(['SSE-C'], 'EncryptionType', true) } } : {}),
    },
  };
}

function bucketOperation(op: string, req: AwsRequest, ctx: CallContext, a: Account, b: Bucket): Answer {
  switch (op) {
    case 'HeadBucket':
      return { status: 200, headers: { ...headers(req), 'x-amz-bucket-region': b.region }, body: '' };
    case 'GetBucketLocation':
      return { status: 200, headers: headers(req), body: locationBody(b.region) };
    case 'GetBucketEncryption':
      return xml(req, 'ServerSideEncryptionConfiguration', encryption(a, b));
    case 'GetBucketPolicy':
      if (!b.policy) throw new AwsError('NoSuchBucketPolicy', 'The bucket policy does not exist', 404, { BucketName: b.name });
      return { status: 200, headers: headers(req, 'application/json'), body: JSON.stringify(b.policy) };
    case 'GetBucketPolicyStatus':
      if (!b.policy) throw new AwsError('NoSuchBucketPolicy', 'The bucket policy does not exist', 404, { BucketName: b.name });
      return xml(req, 'PolicyStatus', { IsPublic: isPublic(b.policy) && !allBlocked(b) });
    case 'GetPublicAccessBlock': {
      const p = b.publicAccessBlock;
      if (!p)
        throw new AwsError('NoSuchPublicAccessBlockConfiguration', 'The public access block configuration was not found', 404, {
          BucketName: b.name,
        });
      return xml(req, 'PublicAccessBlockConfiguration', {
        BlockPublicAcls: p.blockPublicAcls,
        IgnorePublicAcls: p.ignorePublicAcls,
        BlockPublicPolicy: p.blockPublicPolicy,
        RestrictPublicBuckets: p.restrictPublicBuckets,
      });
    }
    case 'GetBucketVersioning':
      return xml(
        req,
        'VersioningConfiguration',
        b.versioning
          ? { Status: b.versioning, MfaDelete: b.mfaDelete === undefined ? undefined : b.mfaDelete ? 'Enabled' : 'Disabled' }
          : {},
      );
    case 'GetBucketLogging':
      return xml(
        req,
        'BucketLoggingStatus',
        b.logging ? { LoggingEnabled: { TargetBucket: b.logging.targetBucket, TargetPrefix: b.logging.targetPrefix ?? '' } } : {},
      );
    default:
      throw new AwsError('NotImplemented', 'A header or query you provided implies functionality that is not implemented.', 501);
  }
}

/** GetBucketLocation answers an empty constraint for us-east-1, for historical reasons. */
function locationBody(region: string): string {
  const ns = ` xmlns="${NS}"`;
  return `<?xml version="1.0" encoding="UTF-8"?>\n${region === 'us-east-1' ? `<LocationConstraint${ns}/>` : `<LocationConstraint${ns}>${region}</LocationConstraint>`}`;
}

export function s3Service(): ServiceHandler {
  return {
    service: 's3',
    operation: s3Operation,
    handle(op, req, ctx) {
      if (op === 'ListBuckets') {
        ctx.authorize(actionOf(op));
        return listBuckets(req, ctx);
      }
      const name = bucketName(req);
      const owner = ctx.world.accounts.find((a) => a.buckets.some((b) => b.name === name));
      const bucket = owner?.buckets.find((b) => b.name === name);
      if (!owner || !bucket) throw new AwsError('NoSuchBucket', 'The specified bucket does not exist', 404, { BucketName: name });
      // Real S3 answers GetBucketLocation from any region; everything else must reach the bucket's own region.
      if (op !== 'GetBucketLocation' && bucket.region !== req.region) {
        throw new AwsError(
          'PermanentRedirect',
          'The bucket you are attempting to access must be addressed using the specified endpoint. Please send all future requests to this endpoint.',
          301,
          { Endpoint: `s3.${bucket.region}.amazonaws.com`, Bucket: name },
          { 'x-amz-bucket-region': bucket.region },
        );
      }
      ctx.authorize(actionOf(op), bucket.arn);
      if (owner !== ctx.caller.account) throw new Denied(actionOf(op), bucket.arn, ctx.caller.arn);
      return bucketOperation(op, req, ctx, owner, bucket);
    },
    renderError(err, req) {
      let code: string,
        status: number,
        message = err.message;
      let extra: Record<string, string> = {},
        extraHeaders: Record<string, string> = {};
      if (err instanceof Denied) {
        [code, status] = ['AccessDenied', 403];
        message = `User: ${err.callerArn} is not authorized to perform: ${err.action} on resource: "${err.resource === '*' ? `arn:aws:s3:::*` : err.resource}" because no identity-based policy allows the ${err.action} action`;
      } else if (err instanceof Throttled) {
        [code, status, message] = ['SlowDown', 503, 'Please reduce your request rate.'];
      } else {
        [code, status, extra, extraHeaders] = [err.code, err.status, err.extra, err.headers];
      }
      const hs = { ...headers(req), ...extraHeaders };
      const body = document('Error', undefined, {
        Code: code,
        Message: message,
        ...extra,
        RequestId: hs['x-amz-request-id'],
        HostId: hs['x-amz-id-2'],
      });
      return { status, headers: hs, body: req.method === 'HEAD' ? '' : body };
    },
  };
}
