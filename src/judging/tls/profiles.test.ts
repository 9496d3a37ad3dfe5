import { describe, expect, it } from 'vitest';
import { suiteByName } from '../../providers/tls/wire/index.js';
import { PROFILES } from './profiles.js';

describe('Mozilla profiles', () => {
  it('name only catalogued suites, each allowed in the version it is listed under', () => {
    for (const p of Object.values(PROFILES)) {
      for (const [version, names] of Object.entries(p.suites)) {
        for (const name of names) expect(suiteByName(name)?.versions, `${p.id} ${name}`).toContain(version);
      }
    }
  });

  it('intermediate allows TLS 1.2 and 1.3 with its nine TLS 1.2 suites, all forward secret AEAD', () => {
    const p = PROFILES['mozilla-intermediate'];
    expect(p.versions).toEqual(['TLSv1.2', 'TLSv1.3']);
    expect(p.suites['TLSv1.2']).toHaveLength(9);
    expect(p.suites['TLSv1.2']).toContain('TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256');
    for (const name of p.suites['TLSv1.2']!) expect(suiteByName(name)).toMatchObject({ aead: true, forwardSecrecy: true, weak: [] });
    expect(p.suites['TLSv1.3']?.map((n) => suiteByName(n)?.id)).toEqual([0x1301, 0x1302, 0x1303]);
  });

  it('modern allows TLS 1.3 only', () => {
    expect(PROFILES['mozilla-modern'].versions).toEqual(['TLSv1.3']);
    expect(PROFILES['mozilla-modern'].suites['TLSv1.2']).toBeUndefined();
  });
});
