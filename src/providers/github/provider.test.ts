import { describe, expect, it } from 'vitest';
import { UsageError } from '../../core/errors.js';
import { targetsOf } from './provider.js';
import { nextLink } from './rest.js';
import { inScope } from './repo-facts.js';
import { nth } from '../../../test/helpers/nth.js';

describe('GitHub targets', () => {
  it('one target per organisation; options name the token variable, never the token', () => {
    const t = nth(targetsOf({ orgs: ['acme'], repositories: { exclude: ['sandbox-*'] } }, { GITHUB_TOKEN: 'ghp_secret' }), 0);
    expect(t).toEqual({
      provider: 'github',
      id: 'github:acme',
      resource: 'github:acme',
      options: {
        org: 'acme',
        apiUrl: 'https://api.github.com',
        tokenEnv: 'GITHUB_TOKEN',
        include: undefined,
        exclude: ['sandbox-*'],
        includeArchived: false,
      },
    });
    expect(JSON.stringify(t)).not.toContain('ghp_secret');
  });

  it('takes the API URL from the config, else GITHUB_API_URL', () => {
    expect(targetsOf({ orgs: ['a'] }, { GITHUB_TOKEN: 't', GITHUB_API_URL: 'https://ghe.example.com/api/v3' })[0]?.options.apiUrl).toBe(
      'https://ghe.example.com/api/v3',
    );
    expect(
      targetsOf({ orgs: ['a'], apiUrl: 'http://127.0.0.1:1' }, { GITHUB_TOKEN: 't', GITHUB_API_URL: 'https://x' })[0]?.options.apiUrl,
    ).toBe('http://127.0.0.1:1');
  });

  it('without a token, a usage error names the variable to set', () => {
    expect(() => targetsOf({ orgs: ['acme'], tokenEnv: 'ACME_GH' }, {})).toThrow(UsageError);
    expect(() => targetsOf({ orgs: ['acme'], tokenEnv: 'ACME_GH' }, {})).toThrow(/ACME_GH/);
  });

  it('never echoes a token pasted where the variable name belongs', () => {
    const token = 'ghp_16C7e42F292c6912E7710c838347Ae178B4a';
    for (const tokenEnv of [token, 'not a name: 8f3b!x']) {
      const error = (() => {
        try {
          targetsOf({ orgs: ['acme'], tokenEnv }, { [tokenEnv]: 'x' });
        } catch (err) {
          return err as Error;
        }
      })();
      expect(error).toBeInstanceOf(UsageError);
      expect(error?.message).toMatch(/github.tokenEnv: expected the name of an environment variable/);
      expect(error?.message).not.toContain(tokenEnv);
    }
  });

  it('keeps credentials out of the API URL it records', () => {
    const t = nth(
      targetsOf({ orgs: ['a'], apiUrl: 'http://user:s3cret-pass@127.0.0.1:1/?access_token=abcdef123456' }, { GITHUB_TOKEN: 't' }),
      0,
    );
    expect(t.options.apiUrl).toBe('http://127.0.0.1:1/');
  });

  it('no organisation, no target', () => {
    expect(targetsOf({}, {})).toEqual([]);
  });

  it('rejects an API URL that is not http(s)', () => {
    expect(() => targetsOf({ orgs: ['a'], apiUrl: 'ftp://x' }, { GITHUB_TOKEN: 't' })).toThrow(/apiUrl/);
  });
});

describe('repository scope', () => {
  const repo = (name: string, archived = false) => ({ name, archived });
  it('skips archived repositories unless asked, and applies include/exclude globs', () => {
    expect(inScope({})(repo('api', true))).toBe(false);
    expect(inScope({ includeArchived: true })(repo('api', true))).toBe(true);
    expect(inScope({ include: ['svc-*'] })(repo('svc-a'))).toBe(true);
    expect(inScope({ include: ['svc-*'] })(repo('web'))).toBe(false);
    expect(inScope({ exclude: ['*-sandbox'] })(repo('x-sandbox'))).toBe(false);
  });
});

describe('Link pagination', () => {
  it('finds rel="next" among the links', () => {
    expect(nextLink('<https://api.github.com/x?page=3>; rel="last", <https://api.github.com/x?page=2>; rel="next"')).toBe(
      'https://api.github.com/x?page=2',
    );
    expect(nextLink('<https://api.github.com/x?page=1>; rel="prev"')).toBeUndefined();
    expect(nextLink(undefined)).toBeUndefined();
  });
});
