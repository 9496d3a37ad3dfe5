import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { sha256 } from '../evidence/files.js';
import { loadConfig, type AnnexaConfig, type TlsSection } from './config.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

describe('loadConfig', () => {
  it('accepts the annotated example, every key of it', () => {
    const { config, hash } = loadConfig(path.join(ROOT, 'annexa.config.example.yaml'));
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(config.failOn).toBe('high');
    expect(config.tls?.endpoints).toHaveLength(3);
    expect(config.evidence?.maxAgeDays).toEqual({ 'A.8.5': 30 });
  });

  it('resolves manual evidence files against the folder of the config file', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'annexa-config-'));
    await writeFile(
      path.join(dir, 'annexa.config.yaml'),
      'evidence:\n  manual:\n    - control: A.5.1\n      file: ./policies/policy.pdf\n',
    );
    const { config } = loadConfig(undefined, dir);
    expect(config.evidence?.manual?.[0]?.file).toBe(path.join(dir, 'policies/policy.pdf'));
  });

  it('reads ./annexa.config.yaml by default, resolves paths against its folder and hashes its bytes', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'annexa-config-'));
    const text = 'out: ./ev\nplugins:\n  - checks: ./mine\n    mapping: ./mine/map.yaml\n';
    await writeFile(path.join(dir, 'annexa.config.yaml'), text);
    const { file, hash, config } = loadConfig(undefined, dir);
    expect(file).toBe(path.join(dir, 'annexa.config.yaml'));
    expect(hash).toBe(sha256(text));
    expect(config.out).toBe(path.join(dir, 'ev'));
    expect(config.plugins).toEqual([{ checks: path.join(dir, 'mine'), mapping: path.join(dir, 'mine/map.yaml') }]);
  });

  it('is empty, with no hash, when there is no default file', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'annexa-config-'));
    expect(loadConfig(undefined, dir)).toEqual({ hash: null, config: {} });
  });

  it.each([
    ['aws:\n  regions: eu-west-1\n', /aws\.regions: must be array/],
    ['aws:\n  accounts:\n    - roleArn: not-an-arn\n', /aws\.accounts\.0\.roleArn: must match pattern/],
    ['github:\n  token: ghp_secret\n', /github\.token: unknown key/],
    ['tls:\n  endpoints:\n    - host: a\n      port: 70000\n', /tls\.endpoints\.0\.port: must be <= 65535/],
    ['settings:\n  Not An Id: {}\n', /settings: must match pattern|property name must be valid/],
    ['evidence:\n  maxAgeDays:\n    A.9.1: 30\n', /evidence\.maxAgeDays: must match pattern|property name must be valid/],
    ['evidence:\n  manual:\n    - control: A.5.1\n', /evidence\.manual\.0: must have required property 'file'/],
  ])('names the key and what was expected: %j', async (text, message) => {
    const dir = await mkdtemp(path.join(tmpdir(), 'annexa-config-'));
    await writeFile(path.join(dir, 'c.yaml'), text);
    expect(() => loadConfig(path.join(dir, 'c.yaml'))).toThrow(message);
  });
});

// Checked by `npm run typecheck`: the config's types come from schemas/config.schema.json alone.
describe('AnnexaConfig, typed from the schema', () => {
  it("has the schema's keys, enums and required fields", () => {
    expectTypeOf<AnnexaConfig['failOn']>().toEqualTypeOf<'critical' | 'high' | 'medium' | 'low' | 'none' | undefined>();
    expectTypeOf<NonNullable<TlsSection['endpoints']>[number]['kind']>().toEqualTypeOf<'https' | 'tls' | undefined>();
    expectTypeOf<NonNullable<AnnexaConfig['plugins']>[number]['checks']>().toEqualTypeOf<string>();
    expectTypeOf<AnnexaConfig>().not.toHaveProperty('bogus');
  });
});
