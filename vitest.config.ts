import { defineConfig } from 'vitest/config';

// Tests that start loopback servers (the sandbox's emulators, TLS listeners, the CLI over a sandbox
// scan). Everything else under checks/ and src/ is a unit table: `npm run test:unit` runs those alone.
const SERVERS = [
  'test/**/*.test.ts',
  'src/sandbox/**/*.test.ts',
  'src/providers/tls/wire/{chain-reader,enumerate,fetch-chain,openssl-server,probe}.test.ts',
];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // One module cache per worker, not one per file: a fresh process per file re-imported the AWS SDK,
    // Octokit and the sandbox for each of ~90 end-to-end files (most of the suite's CPU). Files that
    // change process.env put it back (test/helpers/env.ts).
    isolate: false,
    // Most tests wait on loopback servers, not the CPU: two workers use a 2-core machine fully.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['checks/**/*.test.ts', 'src/**/*.test.ts', 'bench/**/*.test.ts'],
          exclude: SERVERS,
        },
      },
      { extends: true, test: { name: 'e2e', include: SERVERS } },
    ],
  },
});
