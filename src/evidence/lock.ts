import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { link, open, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import { UsageError } from '../core/errors.js';

/**
 * One scan at a time per output folder: `<out>/.lock` holds the owner's pid,
 * host and deadline. It is written whole under a temporary name and then
 * hard-linked into place (link fails when the name exists), so that a lock
 * is never seen half-written, even when its writer is killed. Overlapping
 * cron runs would otherwise both name the same previous run and fork the
 * hash chain.
 */
export const LOCK_FILE = '.lock';
const TAKEOVER_FILE = '.lock.takeover';
/** A lock file that cannot be read (written by an older annexa) is judged stale after this long; so is a takeover guard. */
const UNWRITTEN_STALE_MS = 10_000;
const POLL_MS = 200;
/** After its --max-duration, a scan still writes its run folder: the lock stays its own this much longer. */
const WRITE_GRACE_MS = 60_000;

export interface LockHolder {
  pid: number;
  host: string;
  startedAt: string;
  /** When the holder's --max-duration ends; past it, the lock is stale whatever the pid. */
  expiresAt?: string;
}

export interface LockOptions {
  log: Logger;
  now?: () => Date;
  /** The holder's --max-duration; also the age past which another holder's lock is stale. */
  maxDurationMs?: number;
  /** How long to wait for another scan to finish before giving up (default: do not wait). */
  waitMs?: number;
}

export interface Lock {
  release(): Promise<void>;
}

/**
 * Takes the lock of `out`, taking over a stale one (its process is gone, or
 * it outlived its --max-duration) with a log line. While another scan holds
 * it, waits up to `waitMs`, then refuses with a UsageError naming the holder.
 */
export async function acquireLock(out: string, options: LockOptions): Promise<Lock> {
  const now = options.now ?? (() => new Date());
  const file = path.join(out, LOCK_FILE);
  const giveUpAt = Date.now() + (options.waitMs ?? 0);
  for (;;) {
    const started = now();
    const mine: LockHolder = {
      pid: process.pid,
      host: hostname(),
      startedAt: started.toISOString(),
      ...(options.maxDurationMs ? { expiresAt: new Date(started.getTime() + options.maxDurationMs).toISOString() } : {}),
    };
    if (await createExclusive(file, `${JSON.stringify(mine)}\n`)) return { release: () => rm(file, { force: true }) };

    const seen = await readHolder(file);
    if (seen === undefined) continue; // released between our attempt and the read
    const staleBecause = whyStale(seen, now(), options.maxDurationMs);
    if (staleBecause) {
      if (await takeOver(out, file, seen.text)) options.log.warn({ lock: file, holder: seen.holder ?? seen.text, why: staleBecause }, 'took over a stale lock');
      continue;
    }
    if (Date.now() >= giveUpAt) {
      const h = seen.holder;
      const who = h ? `pid ${h.pid} on ${h.host}, since ${h.startedAt}` : 'a scan that is starting';
      throw new UsageError(`${out} is locked by another scan (${who}); retry later, or wait for it with --lock-wait SECONDS`);
    }
    await sleep(POLL_MS);
  }
}

/** Creates `file` holding `text`, whole, unless it exists; the temporary file is named `.lock.*.tmp`, which scans clean up. */
async function createExclusive(file: string, text: string): Promise<boolean> {
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  let handle;
  try {
    handle = await open(tmp, 'wx', 0o644);
  } catch (err) {
    throw new UsageError(`cannot create the lock ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  try {
    await handle.writeFile(text);
    await handle.sync();
    await handle.close();
    await link(tmp, file);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new UsageError(`cannot create the lock ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  } finally {
    await handle.close().catch(() => undefined);
    await rm(tmp, { force: true });
  }
}

interface Seen {
  text: string;
  holder?: LockHolder;
  ageMs: number;
}

async function readHolder(file: string): Promise<Seen | undefined> {
  try {
    const [text, info] = await Promise.all([readFile(file, 'utf8'), stat(file)]);
    let holder: LockHolder | undefined;
    try {
      holder = JSON.parse(text) as LockHolder;
    } catch {
      // Being written right now, or left half-written: judged by age below.
    }
    return { text, holder, ageMs: Date.now() - info.mtimeMs };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

function whyStale(seen: Seen, now: Date, maxDurationMs?: number): string | undefined {
  const h = seen.holder;
  if (!h || typeof h.pid !== 'number') return seen.ageMs > UNWRITTEN_STALE_MS ? 'the lock file is unreadable' : undefined;
  if (h.host === hostname() && !isAlive(h.pid)) return `process ${h.pid} is no longer running`;
  if (h.expiresAt && now.getTime() > Date.parse(h.expiresAt) + WRITE_GRACE_MS) return `its --max-duration ended at ${h.expiresAt}`;
  if (maxDurationMs && now.getTime() - Date.parse(h.startedAt) > maxDurationMs + WRITE_GRACE_MS) return `it is older than --max-duration (${maxDurationMs / 1000}s)`;
  return undefined;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes a stale lock, but only the one judged stale: two scans taking over
 * at once serialise on a second exclusive file, and each re-reads the lock
 * under it, so neither removes a lock the other has just created.
 */
async function takeOver(out: string, file: string, staleText: string): Promise<boolean> {
  const guard = path.join(out, TAKEOVER_FILE);
  const mine = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString() };
  if (!(await createExclusive(guard, `${JSON.stringify(mine)}\n`))) {
    // A guard whose writer died (killed mid-takeover) would otherwise hold every later scan back.
    const seen = await readHolder(guard);
    if (seen && whyStale(seen, new Date())) {
      const again = await readFile(guard, 'utf8').catch(() => undefined);
      if (again === seen.text) await rm(guard, { force: true });
    }
    await sleep(POLL_MS);
    return false;
  }
  try {
    const again = await readFile(file, 'utf8').catch(() => undefined);
    if (again !== staleText) return false;
    await rm(file, { force: true });
    return true;
  } finally {
    await rm(guard, { force: true });
  }
}
