import { describe, expect, it } from 'vitest';
import { answers, failing, runCheck } from '../../src/testing/run-check.js';
import check from './github.org.default-permission.js';

const settings = (defaultRepositoryPermission: string | null) =>
  answers({ login: 'acme', twoFactorRequirementEnabled: true, defaultRepositoryPermission });

describe('github.org.default-permission', () => {
  it.each([
    ['none', 'pass'],
    ['read', 'pass'],
    ['write', 'fail'],
    ['admin', 'fail'],
  ])('base permission %s → %s', async (permission, status) => {
    const [r] = await runCheck(check, { orgSettings: settings(permission) });
    expect(r).toMatchObject({ status, observed: { permission } });
  });

  it('the allowed list is a setting', async () => {
    const [r] = await runCheck(check, { orgSettings: settings('read') }, { settings: { allowed: ['none'] } });
    expect(r.status).toBe('fail');
  });

  it('a hidden base permission is an error naming admin:org', async () => {
    const [r] = await runCheck(check, { orgSettings: settings(null) });
    expect(r).toMatchObject({ status: 'error', message: expect.stringContaining('admin:org') });
  });

  it('an unreadable organisation is an error', async () => {
    const [r] = await runCheck(check, { orgSettings: failing({ permission: 'read:org' }) });
    expect(r.status).toBe('error');
  });
});
