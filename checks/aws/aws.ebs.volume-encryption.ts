import { defineCheck } from '../../src/core/check.js';
import { ec2Arn, eachRegional } from '../../src/judging/aws/regional.js';

export default defineCheck({
  meta: {
    id: 'aws.ebs.volume-encryption',
    title: 'EBS volumes are encrypted',
    provider: 'aws',
    severity: 'high',
    description:
      'Every EBS volume (DescribeVolumes) in every scanned region has Encrypted true; KmsKeyId names the key that protects it. ' +
      'Encryption is fixed when a volume is created: an unencrypted volume stays so until it is replaced. Volumes in every state ' +
      '(available, in-use, creating) are judged: an unattached volume still holds its data. No volume in any scanned region is not applicable.',
    remediation:
      'Snapshot the volume, copy the snapshot with encryption on, create a volume from it and swap it in; turn on encryption by default.',
    messages: {
      encrypted: 'Volume {volumeId} is encrypted with {kmsKeyId}',
      unencrypted: 'Volume {volumeId} ({state}) is not encrypted',
      noVolumes: 'No EBS volumes in the scanned regions',
    },
  },
  async run(ctx) {
    return eachRegional(
      ctx,
      'noVolumes',
      (region) => ctx.aws.ebs.volumes(region),
      (r) => ec2Arn(ctx.target, r, 'volume/*'),
      (v) => v.arn,
      (v) => {
        const attachedTo = v.attachments.map((a) => a.instanceId).filter(Boolean);
        const observed = {
          volumeId: v.volumeId,
          region: v.region,
          state: v.state,
          encrypted: v.encrypted,
          kmsKeyId: v.kmsKeyId,
          attachedTo,
        };
        return v.encrypted ? ctx.pass(v.arn, 'encrypted', observed) : ctx.fail(v.arn, 'unencrypted', observed);
      },
    );
  },
});
