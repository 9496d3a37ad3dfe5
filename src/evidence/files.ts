import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, readdir, rename, rm, type FileHandle } from 'node:fs/promises';
import path from 'node:path';

export function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The sha256 of a file's bytes, read as a stream: a large evidence file is never held whole. */
export async function sha256OfFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Writes `data` to a temporary name beside `file`, flushes it and renames it
 * into place, so that a reader sees the old file or the whole new one, never
 * a partial one.
 */
export async function writeAtomic(file: string, data: string | Buffer): Promise<void> {
  await writeAtomicWith(file, (handle) => handle.writeFile(data));
}

/**
 * Runs `write` on a new file at a temporary name beside `file`, flushes it
 * and renames it into place (writeAtomic); if anything fails, the temporary
 * file is removed and `file` is left as it was.
 */
export async function writeAtomicWith<T>(file: string, write: (handle: FileHandle) => Promise<T>): Promise<T> {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(tmp, 'wx', 0o644);
  try {
    const value = await write(handle);
    await handle.sync();
    await handle.close();
    await rename(tmp, file);
    return value;
  } catch (err) {
    await handle.close().catch(() => {});
    await rm(tmp, { force: true });
    throw err;
  }
}

/** Every entry below `dir` that is not a folder, as a path relative to it with `/` between parts (as a manifest names files). */
export async function filesIn(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => !e.isDirectory()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'));
}

/** JSON with object keys sorted, so that two values compare equal whatever order their keys were written in. */
export function canonicalJson(value: unknown): string | undefined {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))) : v,
  );
}
