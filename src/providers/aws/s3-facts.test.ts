import { describe, expect, it } from 'vitest';
import { locationToRegion, redirectRegion } from './s3-facts.js';

describe('locationToRegion', () => {
  it.each([
    [undefined, 'us-east-1'],
    ['', 'us-east-1'],
    ['EU', 'eu-west-1'],
    ['ap-southeast-2', 'ap-southeast-2'],
  ])('%s → %s', (location, region) => {
    expect(locationToRegion(location)).toBe(region);
  });
});

describe('redirectRegion', () => {
  const moved = (extra: object) => ({ name: 'PermanentRedirect', $metadata: { httpStatusCode: 301 }, ...extra });
  it('reads the x-amz-bucket-region header first', () => {
    expect(
      redirectRegion(
        moved({ $response: { headers: { 'x-amz-bucket-region': 'eu-central-1' } }, Endpoint: 'b.s3.eu-west-1.amazonaws.com' }),
      ),
    ).toBe('eu-central-1');
  });
  it('falls back to the endpoint named in the error body', () => {
    expect(redirectRegion(moved({ Endpoint: 'acme.s3.eu-west-3.amazonaws.com' }))).toBe('eu-west-3');
    expect(redirectRegion(moved({ Endpoint: 'acme.s3-us-west-2.amazonaws.com' }))).toBe('us-west-2');
  });
  it('says nothing for other errors', () => {
    expect(redirectRegion({ name: 'AccessDenied', $metadata: { httpStatusCode: 403 } })).toBeUndefined();
    expect(redirectRegion(moved({}))).toBeUndefined();
  });
});
