import { defineCheck } from '../../src/core/check.js';
import { ec2Arn, eachRegional } from '../../src/judging/aws/regional.js';

const GONE = new Set(['shutting-down', 'terminated']);

export default defineCheck({
  meta: {
    id: 'aws.ec2.imdsv2',
    title: 'Instances require IMDSv2',
    provider: 'aws',
    severity: 'medium',
    description:
      'Every instance (DescribeInstances) has MetadataOptions.HttpTokens `required`: the metadata service answers only session-token ' +
      '(IMDSv2) requests, which a server-side request forgery cannot forge. `optional` also answers IMDSv1 and fails. HttpEndpoint ' +
      '`disabled` turns the metadata service off, so neither version answers: pass. Stopped and stopping instances keep their options ' +
      'and apply them when started, so they are judged; shutting-down and terminated instances never run again: not applicable. ' +
      'MetadataOptions.State `pending` (a change not yet in effect) is recorded. An instance without metadata options is an error.',
    remediation:
      'Set the instance metadata options to HttpTokens required (aws ec2 modify-instance-metadata-options --http-tokens required).',
    messages: {
      required: 'Instance {instanceId} requires IMDSv2',
      endpointDisabled: 'Instance {instanceId} has the metadata service turned off',
      optional: 'Instance {instanceId} accepts IMDSv1 (HttpTokens {httpTokens})',
      gone: 'Instance {instanceId} is {state}',
      noInstances: 'No EC2 instances in the scanned regions',
    },
  },
  async run(ctx) {
    return eachRegional(
      ctx,
      'noInstances',
      (region) => ctx.aws.ec2.instances(region),
      (r) => ec2Arn(ctx.target, r, 'instance/*'),
      (i) => i.arn,
      (i, region) => {
        const { instanceId, state, httpTokens, httpEndpoint, metadataState } = i;
        const observed = { instanceId, region, state, httpTokens, httpEndpoint, metadataState };
        if (GONE.has(state ?? '')) return ctx.notApplicable(i.arn, 'gone', observed);
        if (httpEndpoint === 'disabled') return ctx.pass(i.arn, 'endpointDisabled', observed);
        if (httpTokens === null) return ctx.missing(i.arn, 'DescribeInstances gave no MetadataOptions.HttpTokens', observed);
        return httpTokens === 'required' ? ctx.pass(i.arn, 'required', observed) : ctx.fail(i.arn, 'optional', observed);
      },
    );
  },
});
