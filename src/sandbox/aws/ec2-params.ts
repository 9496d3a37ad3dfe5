import { AwsError } from './errors.js';

/**
 * Request parameters of EC2's query dialect: numbered lists
 * (`Owner.1`), filters (`Filter.N.Name`, `Filter.N.Value.M`), and
 * `MaxResults`/`NextToken` pagination.
 */

/** `name.1`, `name.2`, … as a list. */
export function numbered(p: URLSearchParams, name: string): string[] {
  const out: string[] = [];
  for (let i = 1; p.has(`${name}.${i}`); i++) out.push(p.get(`${name}.${i}`)!);
  return out;
}

/** `Filter.N.Name` / `Filter.N.Value.M` as name → values. */
export function filters(p: URLSearchParams): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (let i = 1; p.has(`Filter.${i}.Name`); i++) out.set(p.get(`Filter.${i}.Name`)!, numbered(p, `Filter.${i}.Value`));
  return out;
}

/** Keeps the items every filter matches; a filter the operation does not know is InvalidParameterValue, as EC2 answers it. */
export function filtered<T>(items: T[], p: URLSearchParams, known: Record<string, (item: T) => string[]>): T[] {
  let out = items;
  for (const [name, values] of filters(p)) {
    const field = known[name];
    if (!field) throw new AwsError('InvalidParameterValue', `The filter '${name}' is invalid`);
    out = out.filter((item) => field(item).some((v) => values.includes(v)));
  }
  return out;
}

/**
 * One page by `MaxResults` (5 to 1000; absent: everything) and an opaque
 * `NextToken` (here the operation and an offset, base64).
 */
export function ec2Page<T>(items: T[], p: URLSearchParams, op: string): { items: T[]; nextToken?: string } {
  const raw = p.get('MaxResults');
  const max = raw === null ? items.length || 1 : Number(raw);
  if (raw !== null && (!Number.isInteger(max) || max < 5 || max > 1000)) {
    throw new AwsError(
      'InvalidParameterValue',
      `Value ( ${raw} ) for parameter maxResults is invalid. Expecting a value between 5 and 1000.`,
    );
  }
  let start = 0;
  const token = p.get('NextToken');
  if (token) {
    const decoded = /^(\w+):(\d+)$/.exec(Buffer.from(token, 'base64').toString('utf8'));
    if (!decoded || decoded[1] !== op)
      throw new AwsError('InvalidPaginationToken', 'The specified pagination token is not valid or is expired.');
    start = Number(decoded[2]);
  }
  const end = start + max;
  return { items: items.slice(start, end), nextToken: end < items.length ? Buffer.from(`${op}:${end}`).toString('base64') : undefined };
}
