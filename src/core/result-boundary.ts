import type { Check } from './check.js';
import { describeSchemaErrors, validatorFor } from './schemas.js';
import type { Result, Target } from './types.js';

/**
 * What a check hands back is checked where it enters the run: any check, a
 * plugin's as much as a built-in one, is code whose output annexa records.
 * A result that results.schema.json would refuse, one filed under another
 * check's id, or one that sets its own `waiver` (only an exception grants
 * one) becomes an `error` result of the check that returned it, naming why.
 */
export function admitResults(
  check: Check,
  target: Target,
  results: unknown[],
  error: (resource: string, cause: unknown) => Result,
): Result[] {
  const validate = validatorFor('results', '#/definitions/result');
  return results.map((raw, i) => {
    const problems: string[] = [];
    const r = raw as Partial<Result> | null;
    if (!validate(raw)) problems.push(...describeSchemaErrors(validate.errors));
    if (r && typeof r === 'object') {
      if (r.checkId !== undefined && r.checkId !== check.meta.id) problems.push(`filed under another check's id (${String(r.checkId)})`);
      if ('waiver' in r) problems.push('sets its own waiver (only an exception in the config may)');
    }
    if (problems.length === 0) return raw as Result;
    const resource = r && typeof r.resource === 'string' && r.resource ? r.resource : target.resource;
    return error(
      resource,
      new Error(`check ${check.meta.id} returned a result annexa cannot record (result ${i + 1}: ${problems.join('; ')})`),
    );
  });
}
