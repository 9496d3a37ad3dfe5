import { describe, expect, it } from 'vitest';
import { awsProvider } from '../../src/providers/aws/provider.js';
import { runtime } from './harness.js';
import { restoreEnvAfterAll, stubEnv } from '../helpers/env.js';

restoreEnvAfterAll();

describe('an AWS endpoint nobody answers on', () => {
  it('is reported as unreachable, not as "no usable credentials"', async () => {
    // The SDK reads these from process.env itself.
    stubEnv({
      AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:9',
      AWS_ACCESS_KEY_ID: 'AKIAFIXTUREFIXTURE01',
      AWS_SECRET_ACCESS_KEY: 'fixture-value-not-a-secret',
      AWS_REGION: 'us-east-1',
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_CONFIG_FILE: '/nonexistent/config',
      AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/credentials',
    });
    const error = await awsProvider.resolveTargets({}, { ...runtime, env: process.env }).then(
      () => undefined,
      (err: Error) => err,
    );
    expect(error?.message).toMatch(/^AWS: cannot reach STS to identify the caller \(ECONNREFUSED/);
    expect(error?.message).not.toContain('credentials');
  }, 30_000);
});
