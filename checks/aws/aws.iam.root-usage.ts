import { defineCheck } from '../../src/core/check.js';
import { daysSince, rootArn, rootRow } from '../../src/judging/aws/judge.js';

export default defineCheck({
  meta: {
    id: 'aws.iam.root-usage',
    title: 'Root user is not used for daily work',
    provider: 'aws',
    severity: 'high',
    description:
      "The root user's password and access keys were not used in the last `recentDays` days, from the credential report: `password_last_used` (the last sign-in to an AWS website with the root password) and `access_key_<n>_last_used_date` (the last API request a root key signed). The report says `N/A` for a credential never used and `no_information` for a password not used since October 2014: no recorded use. A date the report gives that does not read as a date is missing data, not a pass.",
    remediation:
      'Do administrative and daily work as IAM Identity Center users or IAM roles; keep the root user for the few tasks only it can do, and find out who signed in as root and why.',
    messages: {
      unused: 'Root user not used in the last {recentDays} days',
      used: 'Root user used {daysAgo} day(s) ago ({credential}), within the last {recentDays} days',
    },
    settings: {
      recentDays: { type: 'integer', default: 30, description: 'A use of a root credential this many days ago or less fails.' },
    },
  },
  async run(ctx) {
    const root = rootRow(await ctx.aws.iam.credentialReport());
    if (!root) return [ctx.missing(rootArn(ctx.target), 'the credential report has no <root_account> row')];
    const recentDays = ctx.settings.recentDays;
    const credentials = [
      { credential: 'password', at: root.passwordLastUsed },
      ...root.accessKeys.map((k) => ({ credential: `access key ${k.slot}`, at: k.lastUsedDate })),
    ];
    const uses: { credential: string; at: string; daysAgo: number }[] = [];
    for (const { credential, at } of credentials) {
      if (at === null) continue; // N/A or no_information: no recorded use
      const daysAgo = daysSince(at, ctx.now);
      if (daysAgo === null) return [ctx.missing(root.arn, `the ${credential} last-used date "${at}" is not a date`)];
      uses.push({ credential, at, daysAgo });
    }
    const latest = uses.sort((a, b) => a.daysAgo - b.daysAgo)[0];
    const observed = { recentDays, uses, daysAgo: latest?.daysAgo ?? null, credential: latest?.credential ?? null };
    return [latest && latest.daysAgo <= recentDays ? ctx.fail(root.arn, 'used', observed) : ctx.pass(root.arn, 'unused', observed)];
  },
});
