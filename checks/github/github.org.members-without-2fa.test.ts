import { describe, expect, it } from 'vitest';
import { answers, failing, runCheck } from '../../src/testing/run-check.js';
import check from './github.org.members-without-2fa.js';

describe('github.org.members-without-2fa', () => {
  it('passes when no member has 2FA disabled', async () => {
    const [r] = await runCheck(check, { membersWithout2fa: answers([]) });
    expect(r).toMatchObject({ status: 'pass', observed: { count: 0 } });
  });

  it('fails and lists the members without 2FA', async () => {
    const [r] = await runCheck(check, { membersWithout2fa: answers([{ login: 'zed' }, { login: 'amy' }]) });
    expect(r).toMatchObject({ status: 'fail', observed: { count: 2, members: ['amy', 'zed'] } });
    expect(r.message).toContain('amy, zed');
  });

  it('is an error naming the owner requirement when the filter is denied', async () => {
    const [r] = await runCheck(check, { membersWithout2fa: failing({ permission: 'organization owner with the read:org scope' }) });
    expect(r.status).toBe('error');
    expect(r.message).toContain('organization owner');
  });
});
