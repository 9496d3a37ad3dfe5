import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Secrets } from '../core/secrets.js';
import { writePiecesAtomic } from './file-writer.js';
import { sha256 } from './files.js';

const folder = () => mkdtemp(path.join(tmpdir(), 'annexa-writer-'));

describe('writePiecesAtomic', () => {
  it('writes the pieces in order, and returns the sha256 and byte count of what it wrote', async () => {
    const dir = await folder();
    const pieces = Array.from({ length: 40_000 }, (_, i) => `{"i":${i},"s":"é☃"}\n`);
    const hash = await writePiecesAtomic(path.join(dir, 'out.json'), pieces);
    const bytes = await readFile(path.join(dir, 'out.json'));
    expect(bytes.toString('utf8')).toBe(pieces.join(''));
    expect(hash).toEqual({ sha256: sha256(bytes), bytes: bytes.length });
    expect(await readdir(dir)).toEqual(['out.json']);
  });

  it('refuses a secret split across pieces and chunks, and leaves no file behind', async () => {
    const dir = await folder();
    const secrets = new Secrets().add('planted-secret-value', 'the token in GITHUB_TOKEN');
    // The secret's two halves land in different writes: one piece ends a chunk, the next starts the following one.
    const filler = 'x'.repeat(1 << 18);
    const pieces = [filler, 'planted-se', 'cret-value'];
    await expect(writePiecesAtomic(path.join(dir, 'out.json'), pieces, secrets)).rejects.toThrow(
      'refusing to write out.json: it would hold the value of the token in GITHUB_TOKEN',
    );
    expect(await readdir(dir)).toEqual([]);
  });
});
