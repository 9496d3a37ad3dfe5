import { defineCheck } from '../../src/core/check.js';
import { eachRdsRegion } from '../../src/judging/aws/rds.js';

export default defineCheck({
  meta: {
    id: 'aws.rds.public-access',
    title: 'RDS databases are not publicly accessible',
    provider: 'aws',
    severity: 'high',
    description:
      'No RDS DB instance, in every scanned region, has PubliclyAccessible true (DescribeDBInstances): such an instance gets a DNS name that ' +
      'resolves to a public IP address, so only its security groups and network ACLs stand between it and the internet. Aurora sets public ' +
      'access per instance, so Aurora cluster members are judged one by one. A Multi-AZ DB cluster carries its own PubliclyAccessible ' +
      '(DescribeDBClusters) and is judged on it; an Aurora cluster, whose answer has no such field, is not applicable (its instances are judged). ' +
      'An absent PubliclyAccessible on an instance is read as false, as RDS documents its default inside a VPC with private subnets. ' +
      'No database in any scanned region is not applicable.',
    remediation:
      'Modify the DB instance (or Multi-AZ DB cluster) and set Public access to No; reach it through a VPN, bastion or private link.',
    messages: {
      private: 'DB {kind} {id} is not publicly accessible',
      public: 'DB {kind} {id} is publicly accessible',
      perInstance: 'DB cluster {id} sets public access per instance: its instances are judged',
      noDatabases: 'No RDS DB instances or clusters in the scanned regions',
    },
  },
  async run(ctx) {
    return eachRdsRegion(ctx, ({ instances, clusters }, region) => {
      const judge = (
        kind: string,
        d: { id: string; arn: string; engine: string },
        publiclyAccessible: boolean,
        clusterId?: string | null,
      ) => {
        const o = { kind, id: d.id, region, engine: d.engine, publiclyAccessible, ...(clusterId ? { clusterId } : {}) };
        return publiclyAccessible ? ctx.fail(d.arn, 'public', o) : ctx.pass(d.arn, 'private', o);
      };
      return [
        ...clusters.map((c) =>
          c.publiclyAccessible === null
            ? ctx.notApplicable(c.arn, 'perInstance', { id: c.id, region, engine: c.engine, members: c.members })
            : judge('cluster', c, c.publiclyAccessible),
        ),
        ...instances.map((i) => judge('instance', i, i.publiclyAccessible, i.clusterId)),
      ];
    });
  },
});
