import { defineCheck } from '../../src/core/check.js';
import { eachRdsRegion } from '../../src/judging/aws/rds.js';

export default defineCheck({
  meta: {
    id: 'aws.rds.storage-encryption',
    title: 'RDS databases encrypt their storage',
    provider: 'aws',
    severity: 'high',
    description:
      'Every RDS DB instance and DB cluster (Aurora or Multi-AZ DB cluster), in every scanned region, has StorageEncrypted true ' +
      '(DescribeDBInstances, DescribeDBClusters; RDS reports false, or leaves the field out, for unencrypted storage, and both are a fail). ' +
      'Storage encryption is a property of a cluster, which its member instances share: members (an instance naming a DBClusterIdentifier) ' +
      'are not applicable, judged through their cluster. No database in any scanned region is not applicable.',
    remediation:
      'Encryption cannot be turned on in place: take a snapshot, copy it with encryption under a KMS key, restore from the encrypted copy and move clients to it.',
    messages: {
      encrypted: 'DB {kind} {id} encrypts its storage',
      notEncrypted: 'DB {kind} {id} does not encrypt its storage',
      clusterMember: 'DB instance {id} belongs to cluster {clusterId}: judged with the cluster',
      noDatabases: 'No RDS DB instances or clusters in the scanned regions',
    },
  },
  async run(ctx) {
    return eachRdsRegion(ctx, ({ instances, clusters }, region) => {
      const judge = (kind: string, d: { id: string; arn: string; engine: string; storageEncrypted: boolean }) => {
        const o = { kind, id: d.id, region, engine: d.engine, storageEncrypted: d.storageEncrypted };
        return d.storageEncrypted ? ctx.pass(d.arn, 'encrypted', o) : ctx.fail(d.arn, 'notEncrypted', o);
      };
      return [
        ...clusters.map((c) => judge('cluster', c)),
        ...instances.map((i) =>
          i.clusterId ? ctx.notApplicable(i.arn, 'clusterMember', { id: i.id, region, clusterId: i.clusterId }) : judge('instance', i),
        ),
      ];
    });
  },
});
