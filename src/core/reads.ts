import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Which facts a check read, so that each result names the facts behind it.
 * Reads are tracked per async context: checks run concurrently, and an item
 * judged inside `ctx.each` sees the check's earlier reads plus its own.
 */
const scopes = new AsyncLocalStorage<Set<string>[]>();

export function noteRead(ref: string): void {
  for (const set of scopes.getStore() ?? []) set.add(ref);
}

export function currentReads(): string[] {
  const innermost = scopes.getStore()?.at(-1);
  return innermost ? [...innermost].sort() : [];
}

/**
 * Runs `fn` in a nested scope that starts with the reads made so far, or
 * with `base` when given (siblings judged side by side pass the reads made
 * before any of them started, so that none inherits another's).
 */
export function withReads<T>(fn: () => Promise<T>, base?: Iterable<string>): Promise<T> {
  const stack = scopes.getStore() ?? [];
  const inherited = new Set(base ?? (stack.length ? stack[stack.length - 1] : []));
  return scopes.run([...stack, inherited], fn);
}

/**
 * Runs `fn` outside every read scope. A promise keeps the async context it
 * was made in: a memoised fact made inside a check's scope would keep that
 * check's sets of reads alive for the rest of the run (about 9 MB for 28,000
 * facts).
 */
export function outsideReads<T>(fn: () => T): T {
  return scopes.exit(fn);
}
