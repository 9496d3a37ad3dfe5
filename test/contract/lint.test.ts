import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/** The lint rule that keeps judging code pure: a check never reaches the network, an SDK or the sandbox. */
const eslint = new ESLint({ cwd: process.cwd() });
const ruleHits = async (code: string, filePath = 'checks/aws/aws.sample.rule.ts') => {
  const [report] = await eslint.lintText(code, { filePath });
  return (report?.messages ?? []).filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports').length;
};

describe('lint: what a check may import', () => {
  it.each([
    ['an AWS SDK client', "import { IAMClient } from '@aws-sdk/client-iam';\nexport const c = IAMClient;"],
    ['Octokit', "import { Octokit } from '@octokit/rest';\nexport const c = Octokit;"],
    ['node:tls', "import tls from 'node:tls';\nexport const c = tls;"],
    ['net', "import net from 'net';\nexport const c = net;"],
    ['the sandbox', "import { startSandbox } from '../../src/sandbox/index.js';\nexport const c = startSandbox;"],
  ])('a check importing %s fails lint', async (_what, code) => {
    expect(await ruleHits(code)).toBe(1);
  });

  it('the contract itself is allowed', async () => {
    expect(await ruleHits("import { defineCheck } from '../../src/core/check.js';\nexport const c = defineCheck;")).toBe(0);
  });

  it('tests beside the checks may start servers', async () => {
    expect(await ruleHits("import net from 'node:net';\nexport const c = net;", 'checks/aws/aws.sample.rule.test.ts')).toBe(0);
  });
});
