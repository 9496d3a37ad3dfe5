import { describe, expect, it } from 'vitest';
import { parseHsts } from './hsts.js';

describe('parseHsts (RFC 6797 §6.1)', () => {
  it('reads max-age and the two flags, names case-insensitive', () => {
    expect(parseHsts('max-age=10; includesubdomains; PRELOAD')).toEqual({ maxAge: 10, includeSubDomains: true, preload: true });
  });

  it('reads nothing from an absent header', () => {
    expect(parseHsts(null)).toEqual({ maxAge: null, includeSubDomains: false, preload: false });
  });
});
