import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');

// Imports that load a module when their file loads: not `import type`, not `import(...)`.
// (`import { type A }` still loads its module under verbatimModuleSyntax.)
const STATIC = /^\s*(?:import|export)\s+(?!type\s)(?:[^'";]*?\sfrom\s+)?'(\.{1,2}\/[^']+)'/gm;

/** Source files reachable from `entry` through static imports. */
function staticallyReached(entry: string): Set<string> {
  const seen = new Set<string>();
  const queue = [entry];
  while (queue.length) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const [, spec = ''] of readFileSync(file, 'utf8').matchAll(STATIC)) {
      const target = path.resolve(path.dirname(file), spec);
      if (target.endsWith('.js')) queue.push(target.replace(/\.js$/, '.ts'));
    }
  }
  return seen;
}

describe('production code never loads the sandbox statically', () => {
  // The providers themselves are imported on demand (src/providers/index.ts): each is an entry of its own.
  it.each([
    ['src/index.ts', 'src/providers/index.ts'],
    ['src/cli/commands/scan.ts', 'src/providers/index.ts'],
    ['src/providers/aws/provider.ts', 'src/providers/aws/clients.ts'],
    ['src/providers/github/provider.ts', 'src/providers/github/client.ts'],
    ['src/providers/tls/provider.ts', 'src/providers/tls/probes.ts'],
  ])('%s reaches no src/sandbox/ module before a sandbox scan asks for one', (entry, canary) => {
    const reached = [...staticallyReached(path.join(ROOT, entry))].map((f) => path.relative(ROOT, f));
    expect(reached).toContain(canary);
    // The S3 Control client's loopback lookup is issue 10's to move out of clients.ts.
    expect(reached.filter((f) => f.startsWith('src/sandbox/') && f !== 'src/sandbox/aws/loopback.ts')).toEqual([]);
  });
});
