import type { CheckContext } from '../../core/check.js';
import { FactError } from '../../core/facts.js';
import { accountOf } from './judge.js';
import type { Trail, TrailEventSelectors } from '../../providers/aws/monitoring-types.js';

/** Which management events a trail's selectors record. */
export function managementCoverage(selectors: TrailEventSelectors): { read: boolean; write: boolean; excludedSources: string[] } {
  let read = false;
  let write = false;
  const excludedSources: string[] = [];
  for (const s of selectors.basic) {
    // CloudTrail's defaults: management events included, ReadWriteType All.
    if (s.includeManagementEvents === false) continue;
    const type = s.readWriteType ?? 'All';
    if (type === 'All' || type === 'ReadOnly') read = true;
    if (type === 'All' || type === 'WriteOnly') write = true;
    excludedSources.push(...s.excludeManagementEventSources);
  }
  for (const a of selectors.advanced) {
    const category = a.fields.find((f) => f.field === 'eventCategory');
    if (!category?.equals.includes('Management')) continue;
    // readOnly takes Equals only; without it the selector records both reads and writes.
    const readOnly = a.fields.find((f) => f.field === 'readOnly')?.equals;
    if (!readOnly || readOnly.includes('true')) read = true;
    if (!readOnly || readOnly.includes('false')) write = true;
    excludedSources.push(...a.fields.filter((f) => f.field === 'eventSource').flatMap((f) => f.notEquals));
  }
  return { read, write, excludedSources };
}

export interface TrailJudgement {
  trail: Trail;
  /** What keeps the trail from recording every Region's management events now; empty when it does. */
  problems: string[];
}

/**
 * Every multi-Region trail the account sees (its own and its organisation's),
 * with what keeps each from recording management reads and writes in every
 * Region right now: not logging, a delivery error, selectors that leave reads
 * or writes out. A trail whose status or selectors cannot be read is kept with
 * the error, so that a verdict can still rest on another trail.
 */
export async function multiRegionTrails(ctx: CheckContext<'aws'>): Promise<{ judged: TrailJudgement[]; errors: FactError[] }> {
  const trails = (await ctx.aws.cloudtrail.trails()).filter((t) => t.multiRegion);
  // Errors kept in the trails' order, not the order they came in: the replay of a run names the same one first.
  const outcomes = await Promise.all(
    trails.map(async (trail): Promise<TrailJudgement | FactError> => {
      try {
        const status = await ctx.aws.cloudtrail.status(trail);
        // A trail without custom selectors records every management event, read and write.
        const coverage =
          trail.hasCustomEventSelectors === false
            ? { read: true, write: true }
            : managementCoverage(await ctx.aws.cloudtrail.eventSelectors(trail));
        const problems = [
          !status.isLogging && 'not logging',
          status.latestDeliveryError && `delivery error ${status.latestDeliveryError}`,
          !coverage.read && 'management read events not recorded',
          !coverage.write && 'management write events not recorded',
        ].filter((p): p is string => Boolean(p));
        return { trail, problems };
      } catch (err) {
        if (!(err instanceof FactError)) throw err;
        return err;
      }
    }),
  );
  const judged = outcomes.filter((o): o is TrailJudgement => !(o instanceof FactError));
  const errors = outcomes.filter((o): o is FactError => o instanceof FactError);
  judged.sort((a, b) => a.trail.arn.localeCompare(b.trail.arn));
  return { judged, errors };
}

/** The account that owns a trail, from its ARN. */
export const trailOwner = (trail: Trail) => trail.arn.split(':')[4] ?? '';

/** Whether the trail belongs to another account of the organisation (the organisation provides it to this one). */
export const providedByOrganization = (ctx: CheckContext<'aws'>, trail: Trail) => trailOwner(trail) !== accountOf(ctx.target).account;

/** Each trail with what is wrong with it, for a failing result's message. */
export const problemList = (found: TrailJudgement[]) => found.map((f) => `${f.trail.arn}: ${f.problems.join(', ')}`);
