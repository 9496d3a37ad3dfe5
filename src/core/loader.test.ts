import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contractProblems, loadChecksFrom } from './loader.js';

const META = `{ id: 'acme.custom.tagged', title: 'Resources are tagged', provider: 'acme', severity: 'low',
  description: 'Every resource carries an owner tag.', remediation: 'Tag it.', messages: { ok: 'tagged', missing: 'untagged' } }`;

async function pluginDir(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'annexa-plugin-'));
  for (const [name, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), text);
  }
  return dir;
}

describe('loading checks of your own', () => {
  it('loads a JavaScript check module and a TypeScript one from a folder', async () => {
    const dir = await pluginDir({
      'tagged.mjs': `export default { meta: ${META}, async run(ctx) { return [ctx.pass('x', 'ok')]; } };`,
      'nested/owner.ts': `const check: { meta: Record<string, unknown>; run: (ctx: { pass(r: string, m: string): unknown }) => Promise<unknown[]> } =
        { meta: { ...${META}, id: 'acme.custom.owner' }, async run(ctx) { return [ctx.pass('x', 'ok')]; } };
        export default check;`,
      'nested/owner.test.ts': 'throw new Error("tests are not checks")',
      'types.d.ts': 'export {}',
    });
    const checks = await loadChecksFrom(dir);
    expect(checks.map((c) => c.meta.id).sort()).toEqual(['acme.custom.owner', 'acme.custom.tagged']);
  });

  it.each([
    ['a module that does not load', 'broken.mjs', 'export default {', /broken\.mjs: cannot load check/],
    ['a module without run', 'norun.mjs', `export default { meta: ${META} };`, /norun\.mjs: not a valid check: run must be a function/],
    [
      'a bad severity',
      'sev.mjs',
      `export default { meta: { ...${META}, severity: 'urgent' }, run() {} };`,
      /sev\.mjs: not a valid check: meta\.severity must be one of critical/,
    ],
    [
      'an id outside its provider',
      'id.mjs',
      `export default { meta: { ...${META}, id: 'aws.iam.sneaky' }, run() {} };`,
      /must start with its provider "acme\."/,
    ],
    [
      'a missing remediation',
      'rem.mjs',
      `export default { meta: { ...${META}, remediation: '' }, run() {} };`,
      /meta\.remediation must be a non-empty string/,
    ],
  ])('refuses %s, naming the file and the problem', async (_, name, text, message) => {
    const dir = await pluginDir({ [name]: text });
    await expect(loadChecksFrom(dir)).rejects.toThrow(message);
  });

  it('refuses a folder that does not exist', async () => {
    await expect(loadChecksFrom('/nonexistent/annexa-checks')).rejects.toThrow(/cannot read checks folder/);
  });
});

describe('contractProblems', () => {
  it('finds nothing wrong with a well-formed check', () => {
    expect(
      contractProblems({
        meta: { id: 'a.b.c', title: 't', provider: 'a', severity: 'high', description: 'd', remediation: 'r', messages: { m: 'x' } },
        run() {},
      }),
    ).toEqual([]);
  });
  it('rejects settings without a default', () => {
    expect(
      contractProblems({
        meta: {
          id: 'a.b.c',
          title: 't',
          provider: 'a',
          severity: 'high',
          description: 'd',
          remediation: 'r',
          messages: { m: 'x' },
          settings: { max: { type: 'number' } },
        },
        run() {},
      }),
    ).toEqual(['meta.settings.max.default is missing']);
  });
});
