import { defineCheck } from '../../src/core/check.js';
import { eachRegion, ec2Arn } from '../../src/judging/aws/regional.js';

export default defineCheck({
  meta: {
    id: 'aws.ebs.encryption-by-default',
    title: 'EBS encryption by default is on in every region',
    provider: 'aws',
    severity: 'medium',
    description:
      'GetEbsEncryptionByDefault answers EbsEncryptionByDefault true in every scanned region: EC2 then encrypts every new volume, and ' +
      'every volume made from an unencrypted snapshot, whatever the request says. The setting is per region and off unless turned on. ' +
      'One result per region, on the ARN that stands for every volume of the region (`volume/*`).',
    remediation:
      'Turn on EBS encryption by default in each region (EC2 > Settings > EBS encryption, or aws ec2 enable-ebs-encryption-by-default).',
    messages: {
      on: 'EBS encryption by default is on in {region}',
      off: 'EBS encryption by default is off in {region}',
    },
  },
  async run(ctx) {
    return eachRegion(
      ctx,
      (region) => ec2Arn(ctx.target, region, 'volume/*'),
      async (region, resource) => {
        const setting = await ctx.aws.ebs.encryptionByDefault(region);
        const observed = { region, enabled: setting.enabled, sseType: setting.sseType };
        return setting.enabled ? ctx.pass(resource, 'on', observed) : ctx.fail(resource, 'off', observed);
      },
    );
  },
});
