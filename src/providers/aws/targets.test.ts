import { describe, expect, it } from 'vitest';
import { arnParts, awsTarget, homeRegionOf } from './targets.js';

describe('targets', () => {
  it('reads partition and account from ARNs of any partition', () => {
    expect(arnParts('arn:aws-us-gov:iam::123456789012:role/audit')).toEqual({ partition: 'aws-us-gov', accountId: '123456789012' });
    expect(arnParts('arn:aws:sts::111122223333:assumed-role/r/s')).toEqual({ partition: 'aws', accountId: '111122223333' });
  });

  it('names a target by its account and never carries a credential', () => {
    const t = awsTarget({
      accountId: '123456789012',
      partition: 'aws-cn',
      homeRegion: 'cn-north-1',
      roleArn: 'arn:aws-cn:iam::123456789012:role/audit',
    });
    expect(t).toMatchObject({ provider: 'aws', id: 'aws:123456789012', resource: 'AWS::::Account:123456789012' });
    expect(Object.keys(t.options).sort()).toEqual(['accountId', 'homeRegion', 'partition', 'roleArn']);
  });

  it('takes the home region from AWS_REGION, then AWS_DEFAULT_REGION', () => {
    expect(homeRegionOf({ AWS_REGION: 'eu-west-1', AWS_DEFAULT_REGION: 'us-west-2' })).toBe('eu-west-1');
    expect(homeRegionOf({ AWS_DEFAULT_REGION: 'us-west-2' })).toBe('us-west-2');
    expect(homeRegionOf({})).toBe('us-east-1');
  });
});
