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
  { ignores: ['dist/**', 'bench/.build/**', 'node_modules/**', '.cache/**', 'evidence/**', 'coverage/**'] },
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
  {
    // With type information: a promise nobody awaits loses its error, and a check or fetcher
    // that drops one can report a verdict before its data is in (design.md: fail closed).
    files: ['src/**/*.ts', 'checks/**/*.ts'],
    ignores: ['**/*.test.ts', 'src/config/schema.generated.ts'],
    extends: [tseslint.configs.recommendedTypeCheckedOnly],
    languageOptions: {
      parserOptions: {
        // The lint contract test lints sample check files that are not on disk.
        projectService: { allowDefaultProject: ['checks/*/*.lint-sample.ts'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      // Provider and check methods are async by contract: a body that already holds its value returns it without await.
      '@typescript-eslint/require-await': 'off',
    },
  },
  { files: ['bin/**', 'bench/**', '.ci/**'], rules: { 'no-console': 'off' } },
);
