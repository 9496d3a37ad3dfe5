import { afterAll, vi } from 'vitest';

/**
 * Sets variables in process.env (the AWS SDK reads its endpoints and credentials there) until the
 * end of the calling file: test files share worker processes (vitest.config.ts), so the next file
 * must find the environment as it was.
 */
export function stubEnv(vars: Record<string, string | undefined>) {
  for (const [name, value] of Object.entries(vars)) vi.stubEnv(name, value);
}

/** Registers, in the calling file, the restoring of what `stubEnv` changed. */
export function restoreEnvAfterAll() {
  afterAll(() => {
    vi.unstubAllEnvs();
  });
}
