import type { CheckContext } from '../../core/check.js';
import type { Result } from '../../core/types.js';
import type { RdsCluster, RdsInstance } from '../../providers/aws/rds-facts.js';
import { eachRegion, orNone, regionalArn } from './regional.js';
import { settleAll } from '../../core/settle.js';

export interface RdsDatabases {
  instances: RdsInstance[];
  clusters: RdsCluster[];
}

/** The DB instances and clusters of one region. */
export async function rdsDatabases(ctx: CheckContext<'aws'>, region: string): Promise<RdsDatabases> {
  const [instances, clusters] = await settleAll([ctx.aws.rds.instances(region), ctx.aws.rds.clusters(region)]);
  return { instances, clusters };
}

/**
 * Judges the databases of every scanned region (a region whose lists cannot
 * be read is one error); none anywhere is `noDatabases`, not applicable.
 */
export async function eachRdsRegion(
  ctx: CheckContext<'aws', 'noDatabases'>,
  judge: (databases: RdsDatabases, region: string) => Result[],
): Promise<Result[]> {
  const results = await eachRegion(
    ctx,
    (region) => regionalArn(ctx, 'rds', region, 'db:*'),
    async (region) => judge(await rdsDatabases(ctx, region), region),
  );
  return orNone(ctx, results, 'noDatabases');
}
