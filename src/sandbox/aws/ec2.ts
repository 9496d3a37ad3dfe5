import { AwsError, Denied, Throttled } from './errors.js';
import { EC2_OPERATIONS } from './ec2-describe.js';
import { filters, numbered } from './ec2-params.js';
import { params, queryOperation } from './query.js';
import type { Answer, ServiceHandler } from './server.js';
import { document, type XmlObject } from './xml.js';

/**
 * EC2 (its own Query dialect: lists of `<item>`, lower-camel members, a
 * `<Response><Errors>` error shape): DescribeRegions, the regions a scanner
 * should visit, and the Describe operations of ec2-describe.ts.
 */
const NS = 'http://ec2.amazonaws.com/doc/2016-11-15/';

/** Regions that must be opted into; the others are enabled in every account. */
const OPT_IN = new Set([
  'af-south-1',
  'ap-east-1',
  'ap-south-2',
  'ap-southeast-3',
  'ap-southeast-4',
  'ap-southeast-5',
  'ca-west-1',
  'eu-south-1',
  'eu-south-2',
  'eu-central-2',
  'il-central-1',
  'me-south-1',
  'me-central-1',
  'mx-central-1',
]);
const ALL_REGIONS = [
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'ca-central-1',
  'sa-east-1',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'eu-central-1',
  'eu-north-1',
  'ap-south-1',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ap-southeast-1',
  'ap-southeast-2',
  ...OPT_IN,
];

function answer(op: string, requestId: string, body: XmlObject): Answer {
  return {
    status: 200,
    headers: { 'content-type': 'text/xml;charset=UTF-8', 'x-amzn-RequestId': requestId },
    body: document(`${op}Response`, NS, body, 'item'),
  };
}

export function ec2Service(): ServiceHandler {
  return {
    service: 'ec2',
    operation: queryOperation,
    handle(op, req, ctx) {
      const p = params(req);
      const described = EC2_OPERATIONS[op];
      if (described) {
        ctx.authorize(described.action);
        return answer(op, req.requestId, { requestId: req.requestId, ...described.answer(req, p, ctx) });
      }
      if (op !== 'DescribeRegions') throw new AwsError('InvalidAction', `The action ${op} is not valid for this web service.`);
      ctx.authorize('ec2:DescribeRegions');
      const enabled = ctx.caller.account.regions;
      let regions = (p.get('AllRegions') === 'true' ? [...new Set([...enabled, ...ALL_REGIONS])] : enabled).map((name) => ({
        regionName: name,
        regionEndpoint: `ec2.${name}.amazonaws.com`,
        optInStatus: !OPT_IN.has(name) ? 'opt-in-not-required' : enabled.includes(name) ? 'opted-in' : 'not-opted-in',
      }));
      const names = numbered(p, 'RegionName');
      for (const n of names)
        if (!regions.some((r) => r.regionName === n)) throw new AwsError('InvalidParameterValue', `Invalid region: ${n}`);
      if (names.length) regions = regions.filter((r) => names.includes(r.regionName));
      for (const [name, values] of filters(p)) {
        const field =
          name === 'region-name'
            ? 'regionName'
            : name === 'opt-in-status'
              ? 'optInStatus'
              : name === 'endpoint'
                ? 'regionEndpoint'
                : undefined;
        if (!field) throw new AwsError('InvalidParameterValue', `The filter '${name}' is invalid`);
        regions = regions.filter((r) => values.includes(r[field]));
      }
      return answer(op, req.requestId, { requestId: req.requestId, regionInfo: regions });
    },
    renderError(err, req) {
      let code: string,
        status: number,
        message = err.message;
      if (err instanceof Denied) {
        [code, status] = ['UnauthorizedOperation', 403];
        message = `You are not authorized to perform this operation. User: ${err.callerArn} is not authorized to perform: ${err.action} because no identity-based policy allows the ${err.action} action`;
      } else if (err instanceof Throttled) [code, status, message] = ['RequestLimitExceeded', 503, 'Request limit exceeded.'];
      else [code, status] = [err.code, err.status];
      const body = document('Response', undefined, { Errors: { Error: { Code: code, Message: message } }, RequestID: req.requestId });
      return { status, headers: { 'content-type': 'text/xml;charset=UTF-8' }, body };
    },
  };
}
