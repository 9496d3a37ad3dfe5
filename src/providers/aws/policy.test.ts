import { describe, expect, it } from 'vitest';
import { parsePolicyDocument } from './policy.js';

describe('parsePolicyDocument', () => {
  it('reads JSON text, URL-encoded JSON text (as IAM returns it) and objects', () => {
    const plain = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::a b/*' }] };
    expect(parsePolicyDocument(JSON.stringify(plain))).toEqual(plain);
    expect(parsePolicyDocument(encodeURIComponent(JSON.stringify(plain)))).toEqual(plain);
    expect(parsePolicyDocument(plain)).toBe(plain);
  });
  it('rejects what is not a JSON object', () => {
    expect(() => parsePolicyDocument('%5B%5D')).toThrow(SyntaxError);
    expect(() => parsePolicyDocument(42)).toThrow(SyntaxError);
  });
});
