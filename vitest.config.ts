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
    // Most tests wait on loopback servers, not the CPU: two workers use a 2-core machine fully.
    maxWorkers: 2,
    projects: [
      // Pure tables: one module cache per worker (no isolation) saves re-importing the SDKs per file.
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['checks/**/*.test.ts', 'src/**/*.test.ts', 'bench/**/*.test.ts'],
          exclude: SERVERS,
          isolate: false,
        },
      },
      { extends: true, test: { name: 'e2e', include: SERVERS } },
    ],
  },
});
