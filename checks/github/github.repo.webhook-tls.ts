import { defineCheck } from '../../src/core/check.js';
import type { Webhook } from '../../src/providers/github/types.js';

/** What is wrong with one webhook, if anything. */
function problems(h: Webhook): string[] {
  return [
    ...(h.scheme === 'https' ? [] : [`${h.url || 'URL'} is not https`]),
    ...(h.insecureSsl === '0' ? [] : [`TLS verification is off (insecure_ssl ${JSON.stringify(h.insecureSsl)})`]),
    ...(h.hasSecret ? [] : ['no secret']),
  ].map((p) => `hook ${h.id}: ${p}`);
}

export default defineCheck({
  meta: {
    id: 'github.repo.webhook-tls',
    title: 'Webhooks use verified TLS and a secret',
    provider: 'github',
    severity: 'medium',
    description:
      'Organisation and repository webhooks carry code events to other systems: each uses an https URL with certificate verification, and a secret so the receiver can authenticate it.',
    remediation: 'Edit each listed webhook: an https payload URL, "Enable SSL verification", and a secret.',
    messages: {
      secure: 'All {count} webhook(s) use verified https and a secret',
      insecure: 'Webhooks without verified https or a secret: {problems}',
      none: 'No webhooks',
    },
  },
  async run(ctx) {
    const judge = (resource: string, hooks: Webhook[]) => {
      const found = hooks.flatMap(problems);
      if (hooks.length === 0) return ctx.notApplicable(resource, 'none', { count: 0 });
      return found.length === 0
        ? ctx.pass(resource, 'secure', { count: hooks.length })
        : ctx.fail(resource, 'insecure', { count: hooks.length, problems: found });
    };
    const org = ctx.target.resource;
    const orgResult = await ctx.each(
      [org],
      (r) => r,
      async () => judge(org, await ctx.github.orgWebhooks()),
    );
    const repos = await ctx.each(
      await ctx.github.repos(),
      (r) => r.resource,
      async (repo) => judge(repo.resource, await ctx.github.repoWebhooks(repo.name)),
    );
    return [...orgResult, ...repos];
  },
});
