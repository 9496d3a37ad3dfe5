import { describe, expect, it } from 'vitest';
import { s3ControlEndpoint, sharedAcrossClients } from './clients.js';
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

describe('sharedAcrossClients', () => {
  const identity = (minutes: number) => ({ accessKeyId: 'A', secretAccessKey: 'S', expiration: new Date(Date.now() + minutes * 60_000) });

  it('asks once for every client, and again only when the credentials near their expiry', async () => {
    let calls = 0;
    const shared = sharedAcrossClients(async () => (calls++ === 0 ? identity(60) : identity(2)));
    await Promise.all([shared(), shared(), shared()]);
    expect(calls).toBe(1);
    calls = 1;
    const soon = sharedAcrossClients(async () => identity(calls++ < 2 ? 2 : 60));
    await soon();
    await soon();
    expect(calls).toBe(3);
  });

  it('renews once for every client that finds the credentials near their expiry at the same time', async () => {
    let calls = 0;
    const shared = sharedAcrossClients(async () => identity(calls++ === 0 ? 2 : 60));
    await Promise.all([shared(), shared(), shared()]);
    expect(calls).toBe(2);
  });

  it('does not keep a failed attempt', async () => {
    let calls = 0;
    const shared = sharedAcrossClients(async () => {
      if (calls++ === 0) throw new Error('AccessDenied');
      return identity(60);
    });
    await expect(shared()).rejects.toThrow('AccessDenied');
    await expect(shared()).resolves.toMatchObject({ accessKeyId: 'A' });
    expect(calls).toBe(2);
  });
});
