import { describe, expect, it } from 'vitest';
import { CORE_MESSAGES, placeholders, type Check } from '../core/check.js';
import type { ProviderId, Result, Status } from '../core/types.js';
import { runCheck, type FactsOf, type FakeFacts, type RunCheckOptions } from './run-check.js';

/** One result a case expects, in the order the check reports it. */
export interface ExpectedResult {
  resource: string;
  status: Status;
  /** A message id the check declares, or a core one (`notCollected`, `missingData`, `checkFailed`). */
  messageId: string;
  /** Values `observed` must hold (a deep partial match). */
  observed?: Record<string, unknown>;
  /** Text the rendered message must contain. */
  message?: string;
}

export interface CheckCase<P extends ProviderId> extends RunCheckOptions {
  /** The facts the check reads; only what it reads needs to be there. */
  facts: FakeFacts<FactsOf<P>>;
  results: ExpectedResult[];
}

/**
 * Tables of cases for one check, as ESLint's RuleTester runs a rule: each case
 * names the facts and every result expected, by status and message id. After
 * the cases, the table is checked for coverage: every message id the check
 * declares is produced by some case, and every `{placeholder}` of a message is
 * filled by the `observed` of some result with that message id.
 */
export function checkTester<P extends ProviderId>(check: Check<P>, defaults: RunCheckOptions = {}) {
  return {
    run(cases: Record<string, CheckCase<P>>): void {
      const produced: Result[] = [];
      describe(check.meta.id, () => {
        for (const [name, c] of Object.entries(cases)) {
          it(name, async () => {
            const { facts, results: expected, ...options } = c;
            const results = await runCheck(check, facts, { ...defaults, ...options, target: { ...defaults.target, ...options.target } });
            produced.push(...results);
            expect(results.map(summary)).toEqual(expected.map(summary));
            expected.forEach((e, i) => {
              const actual = results[i] as Result;
              if (e.observed) expect(actual.observed, `observed of ${e.resource}`).toMatchObject(e.observed);
              if (e.message) expect(actual.message).toContain(e.message);
            });
          });
        }
        it('produces every declared message id and fills every placeholder', () => {
          expect(Object.keys(cases).length, 'no case ran').toBeGreaterThan(0);
          expect(unproduced(check, produced), 'message ids no case produces').toEqual([]);
          expect(unfilled(check, produced), 'placeholders no case fills').toEqual([]);
        });
      });
    },
  };
}

const summary = (r: Pick<Result, 'resource' | 'status' | 'messageId'>) => [r.resource, r.status, r.messageId];

/** Declared message ids that no result of the table carries. */
export function unproduced(check: Check, results: readonly Result[]): string[] {
  const seen = new Set(results.map((r) => r.messageId));
  return Object.keys(check.meta.messages).filter((id) => !seen.has(id));
}

/** `messageId.placeholder` for each placeholder that no result with that message id fills. */
export function unfilled(check: Check, results: readonly Result[]): string[] {
  const messages: Record<string, string> = { ...CORE_MESSAGES, ...check.meta.messages };
  const filled = new Map<string, Set<string>>();
  for (const r of results) {
    if (!r.messageId) continue;
    const keys = filled.get(r.messageId) ?? new Set();
    for (const [k, v] of Object.entries(r.observed ?? {})) if (v !== undefined) keys.add(k);
    filled.set(r.messageId, keys);
  }
  return Object.entries(messages).flatMap(([id, template]) => {
    const keys = filled.get(id);
    if (!keys || id in CORE_MESSAGES) return [];
    return placeholders(template)
      .filter((p) => !keys.has(p))
      .map((p) => `${id}.${p}`);
  });
}
