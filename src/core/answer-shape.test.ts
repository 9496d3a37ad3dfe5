import { describe, expect, it } from 'vitest';
import { expectShape, list, obj, str } from './answer-shape.js';

const members = list(obj({ login: str }));

describe('expectShape', () => {
  it('passes the documented answer through, an empty list included', () => {
    expect(expectShape('GET /orgs/{org}/members', members, [])).toEqual([]);
    expect(expectShape('GET /orgs/{org}/members', members, [{ login: 'ana', id: 1 }])).toEqual([{ login: 'ana', id: 1 }]);
  });

  it.each([
    ['an empty body', '', /the answer was an empty body/],
    ['a truncated body', '[{"login":"an', /the answer was text of 13 characters \(not JSON\)/],
    ['an item without its field', [{ id: 1 }], /no 0\.login/],
    ['nothing', undefined, /the answer was nothing/],
  ])('refuses %s as malformed, naming the operation', (_, value, message) => {
    expect(() => expectShape('GET /orgs/{org}/members', members, value)).toThrow(
      expect.objectContaining({ kind: 'malformed', message: expect.stringMatching(message) }),
    );
    expect(() => expectShape('GET /orgs/{org}/members', members, value)).toThrow(/^GET \/orgs\/\{org\}\/members: malformed answer/);
  });

  it('never quotes the body it refuses (it may hold anything)', () => {
    expect(() => expectShape('op', obj({ a: str }), 'secret-looking text')).toThrow(
      /^op: malformed answer: the answer was text of 19 characters/,
    );
  });
});
