import { describe, expect, it } from 'vitest';
import { answers, failing, runCheck } from '../../src/testing/run-check.js';
import check from './github.org.two-factor-required.js';

const settings = (twoFactorRequirementEnabled: boolean | null) =>
  answers({ login: 'acme', twoFactorRequirementEnabled, defaultRepositoryPermission: 'read' });

describe('github.org.two-factor-required', () => {
  it.each([
    ['required', true, 'pass'],
    ['not required', false, 'fail'],
  ])('%s → %s', async (_label, value, status) => {
    const [r] = await runCheck(check, { orgSettings: settings(value) });
    expect(r).toMatchObject({ status: status === 'pass' ? 'pass' : 'fail', resource: 'github:test', observed: { twoFactorRequirementEnabled: value } });
  });

  it('a null setting (hidden from the token) is an error naming admin:org', async () => {
    const [r] = await runCheck(check, { orgSettings: settings(null) });
    expect(r.status).toBe('error');
    expect(r.message).toContain('admin:org');
  });

  it('an organisation that cannot be read is an error', async () => {
    const [r] = await runCheck(check, { orgSettings: failing({ kind: 'not_found', message: 'Not Found' }) });
    expect(r.status).toBe('error');
  });
});
