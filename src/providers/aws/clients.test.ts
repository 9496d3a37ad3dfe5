import { describe, expect, it } from 'vitest';
import { s3ControlEndpoint } from './clients.js';
import { LOOPBACK_NAMES } from './host-lookup.js';

const options = { accountId: '123456789012', partition: 'aws', homeRegion: 'us-east-1' };

describe('s3ControlEndpoint', () => {
  it('leaves the SDK alone when no endpoint is configured', () => {
    expect(s3ControlEndpoint(options, {})).toEqual({});
  });
  it('turns a loopback IP into localhost, so that <account>.localhost is a valid host', () => {
    expect(s3ControlEndpoint(options, { AWS_ENDPOINT_URL: 'http://127.0.0.1:4566' })).toEqual({
      endpoint: 'http://localhost:4566',
      hosts: LOOPBACK_NAMES,
    });
    expect(s3ControlEndpoint(options, { AWS_ENDPOINT_URL_S3_CONTROL: 'http://[::1]:9000/' }).endpoint).toBe('http://localhost:9000');
  });
  it('prefers the service-specific setting and keeps host names as given', () => {
    expect(
      s3ControlEndpoint(options, {
        AWS_ENDPOINT_URL: 'http://127.0.0.1:1',
        AWS_ENDPOINT_URL_S3_CONTROL: 'https://s3-control.example.test',
      }),
    ).toEqual({ endpoint: 'https://s3-control.example.test' });
  });
  it('resolves *.localhost itself for a localhost endpoint (RFC 6761), other names as the target says', () => {
    const hosts = { '*.localhost': '127.0.0.1' };
    expect(s3ControlEndpoint({ ...options, endpoints: { s3control: 'http://localhost:35903' }, hosts }, {})).toEqual({
      endpoint: 'http://localhost:35903',
      hosts,
    });
    expect(s3ControlEndpoint({ ...options, endpoints: { s3control: 'http://localhost:35903' } }, {}).hosts).toBe(LOOPBACK_NAMES);
    expect(s3ControlEndpoint({ ...options, endpoints: { s3control: 'https://s3-control.example.test' } }, {}).hosts).toBeUndefined();
  });
});
