import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { FactStore } from '../../src/core/facts.js';
import { Pools } from '../../src/core/pools.js';
import type { ProviderRuntime } from '../../src/core/provider.js';
import { SANDBOX_TOKEN_ENV, githubProvider } from '../../src/providers/github/provider.js';
import { scenarioSection } from './harness.js';
import { nth } from '../helpers/nth.js';

describe('githubProvider.sandbox', () => {
  it('starts the emulator, hands its token through the per-scan env, and returns targets that name the variable only', async () => {
    const runtime: ProviderRuntime = { log: pino({ level: 'silent' }), env: {}, callTimeoutMs: 10_000 };
    const handle = await githubProvider.sandbox!(scenarioSection('acme'), runtime);
    try {
      expect(handle.targets.map((t) => t.id)).toEqual(['github:acme', 'github:acme-labs']);
      expect(runtime.env[SANDBOX_TOKEN_ENV]).toMatch(/\S/);
      for (const t of handle.targets) {
        expect(t.options.tokenEnv).toBe(SANDBOX_TOKEN_ENV);
        expect(JSON.stringify(t)).not.toContain(runtime.env[SANDBOX_TOKEN_ENV]!);
      }
      const target = nth(handle.targets, 0);
      const facts = githubProvider.facts(target, new FactStore(new Pools()), runtime);
      const identity = await githubProvider.identity(facts, target);
      expect(identity).toMatchObject({ provider: 'github', target: 'github:acme', principal: expect.any(String) });
      expect((identity.details?.scopes as string[] | null)?.length).toBeGreaterThan(0);
      expect(handle.stats?.()).toMatchObject({ rest: { requests: expect.any(Number) } });
    } finally {
      await handle.stop();
    }
  });
});
