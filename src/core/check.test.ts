import { describe, expect, it } from 'vitest';
import { formatMessage } from './check.js';

describe('formatMessage', () => {
  it.each([
    ['{n} keys', { n: 3 }, '3 keys'],
    ['accepted: {accepted}', { accepted: ['TLSv1.2', 'TLSv1.3'] }, 'accepted: TLSv1.2, TLSv1.3'],
    ['accepted: {accepted}', { accepted: [] }, 'accepted: none'],
    ['{missing} stays', {}, '{missing} stays'],
  ])('%s with %j → %s', (template, data, text) => {
    expect(formatMessage(template, data)).toBe(text);
  });
});
