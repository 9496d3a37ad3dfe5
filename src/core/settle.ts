/**
 * `Promise.all` for a check's fact reads, made deterministic: it waits for
 * every read to settle, then rejects with the first failure in the order
 * given, not the first in time. A live run and its replay from snapshot.json
 * (where every read settles at once) then report the same error, and no read
 * is left in flight when the check has its result.
 */
export async function settleAll<T extends readonly unknown[] | []>(reads: T): Promise<{ -readonly [K in keyof T]: Awaited<T[K]> }> {
  const settled = (await Promise.allSettled(reads)) as PromiseSettledResult<unknown>[];
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((s) => (s as PromiseFulfilledResult<unknown>).value) as { -readonly [K in keyof T]: Awaited<T[K]> };
}
