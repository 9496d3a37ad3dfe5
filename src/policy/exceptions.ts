import { readFileSync } from 'node:fs';
import picomatch from 'picomatch';
import { parse as parseYaml } from 'yaml';
import { UsageError } from '../core/errors.js';
import { describeSchemaErrors, validatorFor } from '../core/schemas.js';
import type { Result, Waiver } from '../core/types.js';

/** One risk acceptance (ISO/IEC 27001 clause 6.1.3), as written in the config or an exceptions file. */
export type Exception = Waiver & { check: string; resources: string[]; approvedBy: string };

/** An exception with where it was written, so that an error can name it. */
export interface SourcedException {
  exception: Exception;
  /** e.g. `annexa.config.yaml: exceptions.2`. */
  source: string;
}

/** As recorded in results.json: every exception, whether it was in force, and what it waived. */
export type ExceptionRecord = Exception & { state: 'active' | 'expired'; waived: number };

const DAY_MS = 86_400_000;
/** Resource ids are not paths: `*` matches any run of characters, `/` and `:` included (bash mode makes `*` a globstar). */
const RESOURCE_GLOB = { dot: true, bash: true };
/** The summary warns about exceptions ending within this many days. */
export const EXPIRY_WARNING_DAYS = 30;

export const sourced = (exceptions: Exception[] | undefined, where: string): SourcedException[] =>
  (exceptions ?? []).map((exception, i) => ({ exception, source: `${where}: exceptions.${i}` }));

/** Reads a separate exceptions file (`exceptions:` at its top), validated as the config's own section. */
export function readExceptionsFile(file: string): SourcedException[] {
  let data: unknown;
  try {
    data = parseYaml(readFileSync(file, 'utf8'));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(
      `${file}: ${code === 'ENOENT' ? 'no such exceptions file' : `cannot read exceptions: ${(err as Error).message.split('\n')[0]}`}`,
    );
  }
  const validate = validatorFor('config', '#/definitions/exceptionsFile');
  if (!validate(data)) throw new UsageError(`${file}: ${describeSchemaErrors(validate.errors).join('; ')}`);
  return sourced((data as { exceptions: Exception[] }).exceptions, file);
}

/** The day after `expires` (UTC): the exception covers its expiry date whole. */
const endOf = (e: Exception) => Date.parse(`${e.expires}T00:00:00Z`) + DAY_MS;
export const isExpired = (e: Exception, now: Date) => now.getTime() >= endOf(e);
export const expiresWithin = (e: Exception, now: Date, days = EXPIRY_WARNING_DAYS) =>
  !isExpired(e, now) && endOf(e) - now.getTime() <= days * DAY_MS;

/** Identity of an exception across runs: a renewed (new `expires`) or widened exception is a new one. */
export const exceptionKey = (e: Exception) => JSON.stringify([e.check, [...e.resources].sort(), e.expires]);

/**
 * Refuses exceptions that cannot be meant: a check pattern matching no check,
 * or a new exception (not recorded by the previous run) whose date is already
 * past. An exception that was in force before and has since expired simply
 * lapses.
 */
export function exceptionProblems(all: SourcedException[], checkIds: string[], known: ReadonlySet<string>, now: Date): string[] {
  const problems: string[] = [];
  for (const { exception: e, source } of all) {
    const isMatch = picomatch(e.check);
    if (!checkIds.some((id) => isMatch(id))) problems.push(`${source}.check: ${e.check} matches no check (see \`annexa checks\`)`);
    if (isExpired(e, now) && !known.has(exceptionKey(e)))
      problems.push(`${source}.expires: ${e.expires} is already past for a new exception (check ${e.check})`);
  }
  return problems;
}

/**
 * Attaches the first exception in force that covers each `fail` result. Only
 * fails are waived: an `error` means the control could not be evaluated, which
 * is not a risk anyone has assessed.
 */
export function applyExceptions(results: Result[], all: Exception[], now: Date): { results: Result[]; records: ExceptionRecord[] } {
  const matchers = all.map((e) => ({
    e,
    active: !isExpired(e, now),
    check: picomatch(e.check),
    resource: picomatch(e.resources, RESOURCE_GLOB),
    waived: 0,
  }));
  const waived = results.map((r) => {
    if (r.status !== 'fail') return r;
    const m = matchers.find((x) => x.active && x.check(r.checkId) && x.resource(r.resource));
    if (!m) return r;
    m.waived++;
    return { ...r, waiver: waiverOf(m.e) };
  });
  return {
    results: waived,
    records: matchers.map((m) => ({ ...waiverOf(m.e), state: m.active ? 'active' : 'expired', waived: m.waived })),
  };
}

function waiverOf(e: Exception): Exception {
  return {
    check: e.check,
    resources: e.resources,
    reason: e.reason,
    approvedBy: e.approvedBy,
    expires: e.expires,
    ...(e.ticket ? { ticket: e.ticket } : {}),
  };
}
