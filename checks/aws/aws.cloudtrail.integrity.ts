import { defineCheck } from '../../src/core/check.js';
import {
  multiRegionTrails,
  problemList,
  providedByOrganization,
  trailOwner,
  type TrailJudgement,
} from '../../src/judging/aws/cloudtrail.js';
import { accountBlock, effectiveBlock, PAB_FLAGS } from '../../src/judging/aws/judge.js';
import type { CheckContext } from '../../src/core/check.js';
import { settleAll } from '../../src/core/settle.js';

/** What keeps one trail's logs from being tamper-evident, encrypted and private. */
async function integrityProblems(ctx: CheckContext<'aws'>, { trail }: TrailJudgement): Promise<string[]> {
  const problems = [!trail.logFileValidation && 'log file validation off', !trail.kmsKeyId && 'not encrypted with KMS'].filter(
    (p): p is string => Boolean(p),
  );
  // An organisation trail's bucket belongs to the account that owns the trail: its scan judges that bucket.
  if (problems.length || providedByOrganization(ctx, trail)) return problems;
  // The bucket is read only when it can decide the verdict: the fewest calls.
  if (!trail.bucket) return ['no bucket'];
  const account = await accountBlock(ctx);
  // An account-level block of all four settings covers the bucket whatever its own says: no need to read it.
  const block = effectiveBlock(account.block, account.blocksAll ? null : await ctx.aws.s3.publicAccessBlock(trail.bucket));
  const open = PAB_FLAGS.filter((f) => !block[f]);
  if (open.length && account.error) throw account.error;
  return open.length ? [`bucket ${trail.bucket} does not block public access (${open.join(', ')} off)`] : [];
}

export default defineCheck({
  meta: {
    id: 'aws.cloudtrail.integrity',
    title: 'The multi-Region trail keeps its logs intact and private',
    provider: 'aws',
    severity: 'high',
    description:
      'Of the trails that pass aws.cloudtrail.multi-region, at least one has log file validation on (LogFileValidationEnabled: signed ' +
      'digest files reveal a changed or deleted log), is encrypted with a KMS key (KmsKeyId; absent means the bucket default, SSE-S3), and ' +
      'delivers to a bucket that blocks public access — all four flags, from the bucket and account settings together, read from the same ' +
      "S3 facts as aws.s3.public-access-block, and only when validation and KMS already pass and the account-level block does not already block all four (the bucket cannot change the verdict then). The bucket of an organisation trail owned by another account is judged in that account's " +
      'scan (its owner alone can read it). No qualifying trail fails: there are no complete logs whose integrity could be shown.',
    remediation:
      'Enable log file validation and SSE-KMS on the trail (CloudTrail > Trails > General details), and block public access on its bucket.',
    messages: {
      intact: 'Trail {trail} validates, encrypts with KMS and delivers to a bucket that blocks public access',
      organizationTrail: 'Organisation trail {trail} validates and encrypts with KMS; its bucket is judged in account {owner}',
      exposed: 'No multi-Region trail keeps its logs intact and private: {problems}',
      noTrail: 'No multi-Region trail records management events, so none keeps complete logs',
    },
  },
  async run(ctx) {
    const resource = ctx.target.resource;
    const { judged, errors } = await multiRegionTrails(ctx);
    const recording = judged.filter((j) => j.problems.length === 0);
    const found = await settleAll(recording.map(async (j) => ({ trail: j.trail, problems: await integrityProblems(ctx, j) })));
    const good = found.find((f) => f.problems.length === 0);
    if (good) {
      const owner = trailOwner(good.trail);
      const observed = { trail: good.trail.arn, owner, bucket: good.trail.bucket, kmsKeyId: good.trail.kmsKeyId };
      return [
        providedByOrganization(ctx, good.trail)
          ? ctx.pass(resource, 'organizationTrail', observed)
          : ctx.pass(resource, 'intact', observed),
      ];
    }
    const [error] = errors;
    if (error) return [ctx.error(resource, error)];
    if (found.length === 0) return [ctx.fail(resource, 'noTrail', { trails: judged.map((j) => j.trail.arn) })];
    return [ctx.fail(resource, 'exposed', { problems: problemList(found) })];
  },
});
