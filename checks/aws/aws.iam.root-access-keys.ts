import { defineCheck } from '../../src/core/check.js';
import { rootArn, rootRow } from '../../src/judging/aws/judge.js';

export default defineCheck({
  meta: {
    id: 'aws.iam.root-access-keys',
    title: 'Root user has no active access keys',
    provider: 'aws',
    severity: 'critical',
    description:
      'Access keys on the root user give unrestricted programmatic access that no policy can narrow. The credential report must show none active.',
    remediation: "Delete the root user's access keys (IAM > Security credentials as root) and use IAM roles for automation.",
    messages: {
      none: 'Root user has no active access keys',
      active: 'Root user has active access keys in slot(s) {activeSlots}',
    },
  },
  async run(ctx) {
    const root = rootRow(await ctx.aws.iam.credentialReport());
    if (!root) return [ctx.missing(rootArn(ctx.target), 'the credential report has no <root_account> row')];
    const activeSlots = root.accessKeys.filter((k) => k.active).map((k) => k.slot);
    const observed = {
      activeSlots,
      keys: root.accessKeys.map(({ slot, active, lastRotated, lastUsedDate }) => ({ slot, active, lastRotated, lastUsedDate })),
    };
    return [activeSlots.length ? ctx.fail(root.arn, 'active', observed) : ctx.pass(root.arn, 'none', observed)];
  },
});
