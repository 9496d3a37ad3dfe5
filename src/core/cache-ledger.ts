/**
 * Binds caches kept between runs (`<out>/.state/`) to the evidence chain.
 * Each run's manifest records the sha256 of every cache entry it stored or
 * relied on, by the entry's path inside `.state`; the next run trusts an
 * entry only when its body still has the hash the previous (verified) run
 * recorded. An edited entry cannot turn into a `304` that a new manifest
 * seals: it is dropped and fetched again.
 */
/** Folders of `<out>/.state` whose entries the ledger binds (and that are pruned to it). */
export const LEDGERED_FOLDERS = { githubEtags: 'github-etags' } as const;

export class CacheLedger {
  private readonly current = new Map<string, string>();
  private readonly dropped = new Set<string>();

  /** `trusted`: the `cache` of the previous run's manifest, which was verified against its hashes. */
  constructor(private readonly trusted: Readonly<Record<string, string>> = {}) {}

  /** Whether an entry's body hash is the one the evidence chain recorded for it. */
  trusts(entry: string, bodySha256: string): boolean {
    return !this.dropped.has(entry) && (this.current.get(entry) ?? this.trusted[entry]) === bodySha256;
  }

  /** Whether the chain recorded any hash for the entry (an unknown entry is stale, not tampered). */
  knows(entry: string): boolean {
    return entry in this.trusted || this.current.has(entry);
  }

  /** This run stored or relied on the entry with this body hash. */
  record(entry: string, bodySha256: string): void {
    this.dropped.delete(entry);
    this.current.set(entry, bodySha256);
  }

  drop(entry: string): void {
    this.current.delete(entry);
    this.dropped.add(entry);
  }

  /** What this run's manifest records: the entries it used, and the trusted ones it left untouched. */
  entries(): Record<string, string> {
    const all = { ...this.trusted, ...Object.fromEntries(this.current) };
    for (const entry of this.dropped) delete all[entry];
    return Object.fromEntries(Object.entries(all).sort(([a], [b]) => a.localeCompare(b)));
  }
}
