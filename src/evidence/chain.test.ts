import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chainFindings } from './chain.js';
import { sha256 } from './files.js';
import { nth } from '../../test/helpers/nth.js';

const ids = ['20260101T000000Z-aaaaaa', '20260102T000000Z-bbbbbb', '20260103T000000Z-cccccc'];

/** Writes minimal manifests: `links[i]` is the index of run i's previous run, or null. */
async function folder(links: (number | null)[]): Promise<string> {
  const out = await mkdtemp(path.join(tmpdir(), 'annexa-chain-'));
  const hashes: string[] = [];
  for (const [i, link] of links.entries()) {
    const id = nth(ids, i);
    const text = JSON.stringify({ runId: id, previous: link === null ? null : { runId: ids[link], manifestSha256: hashes[link] } });
    await mkdir(path.join(out, id));
    await writeFile(path.join(out, id, 'manifest.json'), text);
    hashes.push(sha256(text));
  }
  return out;
}

describe('the chain of runs', () => {
  it('holds when each run follows the one before', async () => {
    expect(await chainFindings(await folder([null, 0, 1]))).toEqual({ problems: [], notes: [], runs: 3 });
  });

  it('names a fork: two runs following the same run', async () => {
    const { problems } = await chainFindings(await folder([null, 0, 0]));
    expect(problems).toContain(`chain: fork: ${ids[1]} and ${ids[2]} all follow ${ids[0]}`);
  });

  it('names a run that starts a new chain after older runs, and ignores an incomplete run folder', async () => {
    const out = await folder([null, 0, null]);
    await mkdir(path.join(out, '20260104T000000Z-dddddd'));
    const { problems, notes } = await chainFindings(out);
    expect(problems).toContain(`chain: gap before ${ids[2]}: it starts a new chain although 2 older run(s) are in the folder (newest ${ids[1]})`);
    expect(notes).toContain('20260104T000000Z-dddddd has no manifest: an incomplete run, not part of the chain');
  });
});
