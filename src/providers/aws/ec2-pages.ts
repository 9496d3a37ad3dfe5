import type { EC2Client } from '@aws-sdk/client-ec2';
import type { CallRecorder } from '../../core/facts.js';
import { send } from './actions.js';

/** The largest page EC2's Describe* calls accept (the API reference: 5 to 1000). */
export const EC2_PAGE = 1000;

/**
 * Every page of one EC2 Describe* call, following `NextToken` (EC2 ends a
 * listing with none, or an empty one). `make` builds the command for a
 * token; `items` picks the page's list, whose presence ANSWERS requires.
 */
export async function ec2Pages<C extends object, O extends { NextToken?: string }, T>(
  rec: CallRecorder,
  ec2: EC2Client,
  region: string,
  make: (NextToken: string | undefined) => C,
  items: (page: O) => T[],
): Promise<T[]> {
  const out: T[] = [];
  let token: string | undefined;
  do {
    const page = await send<C, O>(rec, 'ec2', make(token), (c, o) => ec2.send(c as never, o) as Promise<unknown> as Promise<O>, region);
    out.push(...items(page));
    token = page.NextToken || undefined;
  } while (token);
  return out;
}
