import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['checks/**/*.test.ts', 'src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
