import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');

describe('the package of a checkout', () => {
  it('is built by npm install and npm pack (prepare), from a clean dist/', () => {
    const { scripts } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    expect(scripts.prepare).toBe('npm run build');
    expect(scripts.prebuild).toContain("rmSync('dist'");
  });

  // --ignore-scripts: the build is what prepare does; this checks what npm packs of it.
  it.skipIf(!existsSync(path.join(ROOT, 'dist/src/cli.js')))(
    'holds the built CLI, library and checks, and no test code',
    { timeout: 60_000 },
    () => {
      const npm = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8' });
      expect(npm.status, npm.stderr).toBe(0);
      const files: string[] = JSON.parse(npm.stdout)[0].files.map((f: { path: string }) => f.path);
      expect(files).toEqual(
        expect.arrayContaining([
          'bin/annexa.js',
          'dist/src/cli.js',
          'dist/src/index.js',
          'dist/src/index.d.ts',
          'dist/checks/aws/aws.iam.root-mfa.js',
          // The source a run names for a built-in check (checks.json), so verify can hash it anywhere.
          'checks/aws/aws.iam.root-mfa.ts',
          'schemas/config.schema.json',
          'LICENSE',
        ]),
      );
      expect(files.filter((f) => /\.(test|spec)\.|^test\/|(^|\/)__fixtures__\//.test(f))).toEqual([]);
      expect(files.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && !f.startsWith('checks/'))).toEqual([]);
    },
  );
});
