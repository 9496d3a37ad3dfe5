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
