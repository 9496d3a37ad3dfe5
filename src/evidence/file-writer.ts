import { createHash } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { Secrets } from '../core/secrets.js';
import { writeAtomicWith } from './files.js';
import type { FileHash } from './run-folder.js';

/**
 * Pieces are gathered up to this many characters before each write, so that 30,000 small pieces are not 30,000
 * writes. Kept under V8's large-object size (128 KB): a larger chunk is allocated outside the young generation and
 * only freed by a full collection, so writing a 30 MB file piled up its chunks until one came (about 10 MB of peak
 * RSS at the end of a large scan).
 */
const CHUNK = 1 << 15;

/**
 * Writes a file from pieces of text as they are produced, hashing them on
 * the way, to a temporary name that is flushed and renamed into place at
 * the end (writeAtomicWith, as writeAtomic does for a whole buffer). A
 * piece that would put one of the run's secrets into the file, alone or
 * with the text before it, fails the write: the file is removed, never
 * renamed into place.
 */
export async function writePiecesAtomic(file: string, pieces: Iterable<string>, secrets?: Secrets): Promise<FileHash> {
  return writeAtomicWith(file, (handle) => writeAll(handle, pieces, path.basename(file), secrets));
}

async function writeAll(handle: FileHandle, pieces: Iterable<string>, name: string, secrets?: Secrets): Promise<FileHash> {
  const hash = createHash('sha256');
  let bytes = 0;
  // The end of what was written so far, long enough to hold all of a secret but its last character.
  let tail = '';
  const keep = Math.max(0, (secrets?.longest ?? 0) - 1);
  let pending: string[] = [];
  let size = 0;
  const flush = async () => {
    const chunk = pending.join('');
    pending = [];
    size = 0;
    const source = secrets?.sourceIn(tail + chunk);
    if (source) throw new Error(`refusing to write ${name}: it would hold the value of ${source}`);
    tail = keep ? (tail + chunk).slice(-keep) : '';
    const buffer = Buffer.from(chunk, 'utf8');
    hash.update(buffer);
    bytes += buffer.length;
    await handle.write(buffer);
  };
  for (const piece of pieces) {
    pending.push(piece);
    size += piece.length;
    if (size >= CHUNK) await flush();
  }
  await flush();
  return { sha256: hash.digest('hex'), bytes };
}
