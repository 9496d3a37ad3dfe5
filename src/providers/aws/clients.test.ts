import { describe, expect, it } from 'vitest';
import { s3ControlEndpoint } from './clients.js';

const options = { accountId: '123456789012', partition: 'aws', homeRegion: 'us-east-1' };

describe('s3ControlEndpoint', () => {
  it('leaves the SDK alone when no endpoint is configured', () => {
    expect(s3ControlEndpoint(options, {})).toBeUndefined();
  });
  it('turns a loopback IP into localhost, so that <account>.localhost is a valid host', () => {
    expect(s3ControlEndpoint(options, { AWS_ENDPOINT_URL: 'http://127.0.0.1:4566' })).toBe('http://localhost:4566');
    expect(s3ControlEndpoint(options, { AWS_ENDPOINT_URL_S3_CONTROL: 'http://[::1]:9000/' })).toBe('http://localhost:9000');
  });
  it('prefers the service-specific setting and keeps host names as given', () => {
    expect(s3ControlEndpoint(options, { AWS_ENDPOINT_URL: 'http://127.0.0.1:1', AWS_ENDPOINT_URL_S3_CONTROL: 'https://s3-control.example.test' })).toBe('https://s3-control.example.test');
    expect(s3ControlEndpoint({ ...options, endpoints: { s3control: 'http://localhost:35903' } }, {})).toBe('http://localhost:35903');
  });
});
