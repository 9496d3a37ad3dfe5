import { describe, expect, it } from 'vitest';
import { runSecrets, withoutCredentials } from './secrets.js';

describe("a run's secrets", () => {
  it('include the user and password of AWS_ENDPOINT_URL and every AWS_ENDPOINT_URL_<SERVICE>', () => {
    const secrets = runSecrets({
      env: {
        AWS_ENDPOINT_URL: 'https://proxy-user:general-password@proxy.example:8443',
        AWS_ENDPOINT_URL_S3_CONTROL: 'https://s3-user:s3control-password@proxy.example',
        AWS_ENDPOINT_URL_IAM: 'https://iam.example', // no credentials: nothing to hide
      },
    });
    expect(secrets.redact('sent to general-password and s3control-password')).toBe('sent to [redacted] and [redacted]');
    expect(secrets.sourceIn('s3control-password')).toBe('the credentials in AWS_ENDPOINT_URL_S3_CONTROL');
    expect(secrets.redact('https://iam.example')).toBe('https://iam.example');
  });

  it('leave other variables that merely start alike alone', () => {
    const secrets = runSecrets({ env: { AWS_ENDPOINT_URL_NOTES_lower: 'https://u:not-a-service-secret@x.example' } });
    expect(secrets.redact('not-a-service-secret')).toBe('not-a-service-secret');
  });
});

describe('a URL without its credentials', () => {
  it('loses userinfo and credential parameters, and says what it lost', () => {
    expect(withoutCredentials('https://u:p%40ss@h.example/x?token=abcdefgh&page=2')).toEqual({
      url: 'https://h.example/x?page=2',
      removed: ['u', 'p@ss', 'abcdefgh'],
    });
  });

  it('is the same text when there is nothing to take out, or it is not a URL', () => {
    expect(withoutCredentials('https://h.example/x')).toEqual({ url: 'https://h.example/x', removed: [] });
    expect(withoutCredentials('not a url')).toEqual({ url: 'not a url', removed: [] });
  });
});
