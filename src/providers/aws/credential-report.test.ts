import { describe, expect, it } from 'vitest';
import { parseCredentialReport } from './credential-report.js';
import { nth } from '../../../test/helpers/nth.js';

const HEADER =
  'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated';

describe('parseCredentialReport', () => {
  it('types the rows of a real-shaped report', () => {
    const csv = [
      HEADER,
      '<root_account>,arn:aws:iam::123456789012:root,2020-01-01T00:00:00+00:00,not_supported,2026-05-01T10:00:00+00:00,not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A',
      'alice,arn:aws:iam::123456789012:user/alice,2024-02-01T00:00:00+00:00,true,no_information,2024-02-01T00:00:00+00:00,N/A,false,true,2024-02-02T00:00:00+00:00,2026-05-30T00:00:00+00:00,eu-west-1,s3,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A',
      '',
    ].join('\n');
    const [root, alice] = parseCredentialReport(csv);
    expect(root).toMatchObject({
      user: '<root_account>',
      isRoot: true,
      passwordEnabled: null,
      mfaActive: true,
      passwordLastUsed: '2026-05-01T10:00:00+00:00',
    });
    expect(alice).toMatchObject({ isRoot: false, passwordEnabled: true, passwordLastUsed: null, mfaActive: false });
    expect(alice?.accessKeys).toEqual([
      { slot: 1, active: true, lastRotated: '2024-02-02T00:00:00+00:00', lastUsedDate: '2026-05-30T00:00:00+00:00', lastUsedService: 's3' },
      { slot: 2, active: false, lastRotated: null, lastUsedDate: null, lastUsedService: null },
    ]);
  });

  it('reads columns by name, whatever their order', () => {
    const csv =
      'arn,user,mfa_active,password_enabled,access_key_2_active,access_key_1_active\narn:aws:iam::1:user/b,b,true,false,true,false\n';
    const b = nth(parseCredentialReport(csv), 0);
    expect(b).toMatchObject({ user: 'b', mfaActive: true, passwordEnabled: false });
    expect(b.accessKeys.map((k) => k.active)).toEqual([false, true]);
  });

  it('rejects an empty report or one without the columns checks need', () => {
    expect(() => parseCredentialReport('')).toThrow(SyntaxError);
    expect(() => parseCredentialReport('user,arn\nx,y')).toThrow(/mfa_active/);
  });

  it('rejects a row shorter than the header: its missing cells are not "no MFA, no key"', () => {
    const csv = `${HEADER}\nalice,arn:aws:iam::123456789012:user/alice,2024-02-01T00:00:00+00:00,true\n`;
    expect(() => parseCredentialReport(csv)).toThrow(/row 2 has 4 cells where the header names 22/);
  });
});
