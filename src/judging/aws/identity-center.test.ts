import { describe, expect, it } from 'vitest';
import { reservedSsoRole } from './identity-center.js';

describe('reservedSsoRole', () => {
  it('reads the permission set, underscores included, and the region the path names', () => {
    expect(
      reservedSsoRole(
        'arn:aws:iam::123456789012:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_Break_Glass_a1b2c3d4e5f60718',
      ),
    ).toEqual({
      arn: 'arn:aws:iam::123456789012:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_Break_Glass_a1b2c3d4e5f60718',
      accountId: '123456789012',
      region: 'eu-west-1',
      permissionSet: 'Break_Glass',
    });
    expect(
      reservedSsoRole('arn:aws:iam::123456789012:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Admin_a1b2c3d4e5f60718'),
    ).toMatchObject({
      region: null,
      permissionSet: 'Admin',
    });
  });

  it('leaves other roles alone, a look-alike name outside the reserved path included', () => {
    expect(reservedSsoRole('arn:aws:iam::123456789012:role/AWSReservedSSO_Admin_a1b2c3d4e5f60718')).toBeUndefined();
    expect(reservedSsoRole('arn:aws:iam::123456789012:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Admin')).toBeUndefined();
    expect(reservedSsoRole('arn:aws:iam::123456789012:role/OrganizationAccountAccessRole')).toBeUndefined();
  });
});
