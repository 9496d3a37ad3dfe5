import { describe, expect, it } from 'vitest';
import { dropFields } from './drop-fields.js';

describe('dropFields', () => {
  it('leaves JSON keys out wherever they appear, keeping the rest', () => {
    const body = JSON.stringify({ TrailARN: 'a', EventSelectors: [{ ReadWriteType: 'All' }], nested: [{ EventSelectors: 1, keep: 2 }] });
    expect(JSON.parse(dropFields(body, ['EventSelectors']))).toEqual({ TrailARN: 'a', nested: [{ keep: 2 }] });
  });

  it('leaves XML elements out, empty or with content, and not their namesakes by prefix', () => {
    const body =
      '<DBInstance><PubliclyAccessible>true</PubliclyAccessible><PubliclyAccessibleX>1</PubliclyAccessibleX>' +
      '<Tags/><PubliclyAccessible/></DBInstance>';
    expect(dropFields(body, ['PubliclyAccessible'])).toBe('<DBInstance><PubliclyAccessibleX>1</PubliclyAccessibleX><Tags/></DBInstance>');
  });

  it('changes nothing when no name is given', () => {
    expect(dropFields('{"a":1}', [])).toBe('{"a":1}');
  });
});
