import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinSourceFile } from './checks-record.js';

describe('the source a built-in check is recorded by', () => {
  const root = path.join(path.sep, 'opt', 'annexa');

  it('is its TypeScript file under checks/, when the sources ran (tsx, vitest)', () => {
    expect(builtinSourceFile(path.join(root, 'checks/aws/aws.iam.root-mfa.ts'), root)).toBe('checks/aws/aws.iam.root-mfa.ts');
  });

  it('is the same TypeScript file when the compiled module in dist/ ran', () => {
    expect(builtinSourceFile(path.join(root, 'dist/checks/aws/aws.iam.root-mfa.js'), root)).toBe('checks/aws/aws.iam.root-mfa.ts');
  });

  it('is the file itself for anything else in the package', () => {
    expect(builtinSourceFile(path.join(root, 'dist/src/other.js'), root)).toBe('dist/src/other.js');
  });
});
