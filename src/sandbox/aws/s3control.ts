import { AwsError, Denied, Throttled } from './errors.js';
import type { ServiceHandler } from './server.js';
import { document } from './xml.js';

/**
 * S3 Control (REST-XML): the account-level public access block. The SDK
 * names the account twice, in the `x-amz-account-id` header and as a prefix
 * of the host (`{account}.localhost:<port>` here); the header decides.
 */
const NS = 'http://awss3control.amazonaws.com/doc/2018-08-20/';
const PATH = '/v20180820/configuration/publicAccessBlock';

export function s3controlService(): ServiceHandler {
  return {
    service: 's3control',
    operation(req) {
      if (req.method === 'GET' && req.path === PATH) return 'GetPublicAccessBlock';
      throw new AwsError('NotImplemented', 'A header or query you provided implies functionality that is not implemented.', 501);
    },
    handle(_op, req, ctx) {
      const accountId = String(req.headers['x-amz-account-id'] ?? '');
      if (!/^\d{12}$/.test(accountId)) throw new AwsError('InvalidRequest', 'Missing or invalid x-amz-account-id header', 400);
      ctx.authorize('s3:GetAccountPublicAccessBlock', '*');
      if (accountId !== ctx.caller.account.id) throw new Denied('s3:GetAccountPublicAccessBlock', '*', ctx.caller.arn);
      const p = ctx.caller.account.publicAccessBlock;
      if (!p)
        throw new AwsError('NoSuchPublicAccessBlockConfiguration', 'The public access block configuration was not found', 404, {
          AccountId: accountId,
        });
      const body = document('PublicAccessBlockConfiguration', NS, {
        BlockPublicAcls: p.blockPublicAcls,
        IgnorePublicAcls: p.ignorePublicAcls,
        BlockPublicPolicy: p.blockPublicPolicy,
        RestrictPublicBuckets: p.restrictPublicBuckets,
      });
      return { status: 200, headers: { 'content-type': 'application/xml', 'x-amz-request-id': req.requestId }, body };
    },
    renderError(err, req) {
      let code: string,
        status: number,
        extra: Record<string, string> = {};
      if (err instanceof Denied) [code, status] = ['AccessDenied', 403];
      else if (err instanceof Throttled) [code, status] = ['SlowDown', 503];
      else [code, status, extra] = [err.code, err.status, err.extra];
      const body = document('ErrorResponse', undefined, {
        Error: { Code: code, Message: err.message, ...extra },
        RequestId: req.requestId,
        HostId: req.requestId,
      });
      return { status, headers: { 'content-type': 'application/xml', 'x-amz-request-id': req.requestId }, body };
    },
  };
}
