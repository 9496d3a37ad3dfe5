import { describe, expect, it } from 'vitest';
import { parseHsts } from './hsts.js';

describe('parseHsts (RFC 6797 §6.1)', () => {
  it('reads max-age and the two flags, names case-insensitive', () => {
    expect(parseHsts('max-age=10; includesubdomains; PRELOAD')).toEqual({
      maxAge: 10,
      includeSubDomains: true,
      preload: true,
      repeatedDirectives: [],
    });
  });

  it('keeps the first max-age and names each repeated directive once', () => {
    expect(parseHsts('max-age=10; Max-Age=20; preload; preload; PRELOAD; ;')).toEqual({
      maxAge: 10,
      includeSubDomains: false,
      preload: true,
      repeatedDirectives: ['max-age', 'preload'],
    });
  });

  it('reads nothing from an absent header', () => {
    expect(parseHsts(null)).toEqual({ maxAge: null, includeSubDomains: false, preload: false, repeatedDirectives: [] });
  });
});
