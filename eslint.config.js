import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** What judging code (checks and their shared helpers) must never reach: it reads facts only. */
const JUDGING_MUST_NOT_IMPORT = {
  paths: ['net', 'tls', 'http', 'https', 'http2', 'dgram', 'dns', 'child_process'].flatMap((m) =>
    [m, `node:${m}`].map((name) => ({
      name,
      message: 'Checks are pure over facts: no network or process access (design.md, "What checks must never do").',
    })),
  ),
  patterns: [
    {
      group: ['@aws-sdk/*', '@smithy/*', '@octokit/*', 'octokit', 'undici', 'node-forge'],
      message: 'Checks never call an SDK: ask ctx for the fact instead.',
    },
    { group: ['**/src/sandbox/**', '**/sandbox/**'], message: 'Checks never import the sandbox.' },
    {
      group: ['**/providers/**'],
      allowTypeImports: true,
      message: 'Fetchers only collect: import fact types alone from a provider; judging helpers live in src/judging/.',
    },
  ],
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.cache/**', 'evidence/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'error',
    },
  },
  {
    files: ['checks/**', 'src/judging/**'],
    ignores: ['**/*.test.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', JUDGING_MUST_NOT_IMPORT] },
  },
  { files: ['bin/**', 'bench/**', '.ci/**'], rules: { 'no-console': 'off' } },
);
