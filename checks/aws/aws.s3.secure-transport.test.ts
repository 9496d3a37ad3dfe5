import { describe, expect, it } from 'vitest';
import { FactError } from '../../src/core/facts.js';
import { answers, runCheck } from '../../src/testing/run-check.js';
import { bucket, perBucket, TARGET } from '../../src/providers/aws/test-facts.js';
import check from './aws.s3.secure-transport.js';

const tlsOnly = {
  Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: ['arn:aws:s3:::tls-only', 'arn:aws:s3:::tls-only/*'], Condition: { Bool: { 'aws:SecureTransport': 'false' } } }],
};
const publicRead = { Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] };

describe('aws.s3.secure-transport', () => {
  it('passes a TLS-only policy, fails others or none, errors the unreadable', async () => {
    const table = { 'tls-only': tlsOnly, 'public-read': publicRead, 'no-policy': null, locked: new FactError({ kind: 'denied', message: 'AccessDenied', permission: 's3:GetBucketPolicy' }) };
    const results = await runCheck(check, { s3: { buckets: answers(Object.keys(table).map((n) => bucket(n))), bucketPolicy: perBucket(table) } } as never, { target: TARGET });
    expect(results.map((r) => [r.resource, r.status, r.messageId])).toEqual([
      ['arn:aws:s3:::tls-only', 'pass', 'enforced'],
      ['arn:aws:s3:::public-read', 'fail', 'notEnforced'],
      ['arn:aws:s3:::no-policy', 'fail', 'noPolicy'],
      ['arn:aws:s3:::locked', 'error', 'notCollected'],
    ]);
    expect(results[3].message).toContain('s3:GetBucketPolicy');
  });
});
