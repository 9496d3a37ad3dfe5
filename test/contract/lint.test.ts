import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/** The lint rule that keeps judging code pure: a check never reaches the network, an SDK or the sandbox. */
const eslint = new ESLint({ cwd: process.cwd() });
// Sample files are not on disk: eslint.config.js lets the type-aware rules read them under this name.
const SAMPLE = 'checks/aws/aws.lint-sample.ts';
const hitsOf = async (rule: string, code: string, filePath = SAMPLE) => {
  const [report] = await eslint.lintText(code, { filePath });
  const messages = report?.messages ?? [];
  expect(messages.filter((m) => m.fatal)).toEqual([]);
  return messages.filter((m) => m.ruleId === rule).length;
};
const ruleHits = (code: string, filePath?: string) => hitsOf('@typescript-eslint/no-restricted-imports', code, filePath);

// Type-aware rules read the samples too: the first lint of the file costs the TypeScript project
// service's start-up, which is long on a loaded machine. Nothing here is timed.
describe('lint: what a check may import', { timeout: 180_000 }, () => {
  it.each([
    ['an AWS SDK client', "import { IAMClient } from '@aws-sdk/client-iam';\nexport const c = IAMClient;"],
    ['Octokit', "import { Octokit } from '@octokit/rest';\nexport const c = Octokit;"],
    ['node:tls', "import tls from 'node:tls';\nexport const c = tls;"],
    ['net', "import net from 'net';\nexport const c = net;"],
    ['the sandbox', "import { startSandbox } from '../../src/sandbox/index.js';\nexport const c = startSandbox;"],
    ['a fetcher', "import { iamFacts } from '../../src/providers/aws/iam-facts.js';\nexport const c = iamFacts;"],
  ])('a check importing %s fails lint', async (_what, code) => {
    expect(await ruleHits(code)).toBe(1);
  });

  it('fact types from a provider are allowed', async () => {
    expect(await ruleHits("import type { AwsFacts } from '../../src/providers/aws/types.js';\nexport type F = AwsFacts;")).toBe(0);
  });

  it('the contract itself is allowed', async () => {
    expect(await ruleHits("import { defineCheck } from '../../src/core/check.js';\nexport const c = defineCheck;")).toBe(0);
  });

  it('tests beside the checks may start servers', async () => {
    expect(await ruleHits("import net from 'node:net';\nexport const c = net;", 'checks/aws/aws.lint-sample.test.ts')).toBe(0);
  });
});

describe('lint: the type-checked rule set on checks and fetchers', { timeout: 180_000 }, () => {
  it('a type assertion that changes nothing fails lint: it hides what the data really is', async () => {
    const code = 'export function run(names: string[]) {\n  return names as string[];\n}\n';
    expect(await hitsOf('@typescript-eslint/no-unnecessary-type-assertion', code)).toBe(1);
  });

  it('an untyped value passed on fails lint: `any` would carry unchecked data into a typed call', async () => {
    const code = 'export function run(answer: string) {\n  return Math.abs(JSON.parse(answer));\n}\n';
    expect(await hitsOf('@typescript-eslint/no-unsafe-argument', code)).toBe(1);
  });
});

describe('lint: promises in checks and fetchers', { timeout: 180_000 }, () => {
  const rule = '@typescript-eslint/no-floating-promises';

  it('a promise left floating fails lint: its rejection would be lost and the verdict given without its data', async () => {
    expect(await hitsOf(rule, 'export function run(facts: () => Promise<string[]>) {\n  facts();\n  return [];\n}\n')).toBe(1);
  });

  it('an awaited promise, or one voided on purpose, passes', async () => {
    const code = 'export async function run(facts: () => Promise<string[]>) {\n  void facts();\n  return await facts();\n}\n';
    expect(await hitsOf(rule, code)).toBe(0);
  });
});
