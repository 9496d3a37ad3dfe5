import { mkdir, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { sha256 } from './files.js';
import { pruneRuns, readPruned } from './retention.js';

const log = pino({ level: 'silent' });
const now = new Date('2026-11-30T12:00:00Z');

/** Five complete runs a day apart (26th to 30th), chained, and one incomplete run of the 27th. */
async function outFolder(): Promise<{ out: string; hashes: Record<string, string> }> {
  const out = await mkdtemp(path.join(tmpdir(), 'annexa-retention-'));
  const hashes: Record<string, string> = {};
  let previous: { runId: string; manifestSha256: string } | null = null;
  for (const d of [26, 27, 28, 29, 30]) {
    const runId = `202611${d}T060000Z-00000${d % 10}`;
    await mkdir(path.join(out, runId));
    const text = JSON.stringify({ runId, previous });
    await writeFile(path.join(out, runId, 'manifest.json'), text);
    await writeFile(path.join(out, runId, 'results.json'), '{}');
    hashes[runId] = sha256(text);
    previous = { runId, manifestSha256: hashes[runId] };
  }
  await mkdir(path.join(out, '20261127T070000Z-abcdef'));
  await mkdir(path.join(out, '.state'));
  return { out, hashes };
}
const left = async (out: string) => (await readdir(out)).sort();

describe('retention of run folders', () => {
  it('--keep 2 keeps the newest two complete runs and notes every complete run it removes, with its hash and its link', async () => {
    const { out, hashes } = await outFolder();
    const pruned = await pruneRuns(out, { keep: 2 }, now, log);
    expect(await left(out)).toEqual(['.state', '20261129T060000Z-000009', '20261130T060000Z-000000', 'pruned.json']);
    expect(pruned.map((p) => p.runId)).toEqual(['20261126T060000Z-000006', '20261127T060000Z-000007', '20261128T060000Z-000008']);
    const notes = await readPruned(out);
    expect(notes.find((p) => p.runId === '20261128T060000Z-000008')).toEqual({
      runId: '20261128T060000Z-000008',
      manifestSha256: hashes['20261128T060000Z-000008'],
      previous: { runId: '20261127T060000Z-000007', manifestSha256: hashes['20261127T060000Z-000007'] },
      prunedAt: now.toISOString(),
    });
  });

  it('--keep-days 2 keeps the runs of the last two days; with --keep too, a run either rule keeps stays', async () => {
    const a = await outFolder();
    await pruneRuns(a.out, { keepDays: 2 }, now, log);
    expect((await left(a.out)).filter((n) => n.startsWith('2026'))).toEqual(['20261129T060000Z-000009', '20261130T060000Z-000000']);
    const b = await outFolder();
    await pruneRuns(b.out, { keepDays: 2, keep: 3 }, now, log);
    expect((await left(b.out)).filter((n) => n.startsWith('2026'))).toEqual(['20261128T060000Z-000008', '20261129T060000Z-000009', '20261130T060000Z-000000']);
  });

  it('never removes the newest complete run, however old; a second pruning adds to the notes', async () => {
    const { out } = await outFolder();
    await pruneRuns(out, { keepDays: 1 }, new Date('2027-06-01T00:00:00Z'), log);
    expect((await left(out)).filter((n) => n.startsWith('2026'))).toEqual(['20261130T060000Z-000000']);
    expect((await readPruned(out)).map((p) => p.runId)).toHaveLength(4);
    await pruneRuns(out, { keep: 1 }, now, log);
    expect(await readPruned(out)).toHaveLength(4);
  });

  it('does nothing without a rule', async () => {
    const { out } = await outFolder();
    const before = await left(out);
    expect(await pruneRuns(out, {}, now, log)).toEqual([]);
    expect(await left(out)).toEqual(before);
  });
});
