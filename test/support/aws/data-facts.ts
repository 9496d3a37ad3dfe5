import type { FakeFacts } from '../../../src/testing/run-check.js';
import type { Analyzer, ExternalAccessFinding } from '../../../src/providers/aws/accessanalyzer-facts.js';
import type { ProtectedResource } from '../../../src/providers/aws/backup-facts.js';
import type { ContinuousBackups } from '../../../src/providers/aws/dynamodb-facts.js';
import type { InspectorFinding, InspectorStatus } from '../../../src/providers/aws/inspector-facts.js';
import type { RdsCluster, RdsInstance, RdsSnapshot } from '../../../src/providers/aws/rds-facts.js';
import type { ManagedNode, PatchCompliance } from '../../../src/providers/aws/ssm-facts.js';
import type { AwsFacts, EbsVolume, Ec2Instance } from '../../../src/providers/aws/types.js';
import { ACCOUNT } from './facts.js';

/**
 * Hand-made facts of the data, backup and vulnerability services, per region:
 * a test names only what its check reads; any value may be an Error, which
 * that accessor then throws (as a denied call would).
 */
type Or<T> = T | Error;

export interface RegionData {
  instances?: Or<RdsInstance[]>;
  clusters?: Or<RdsCluster[]>;
  snapshots?: Or<RdsSnapshot[]>;
  /** Restorers by snapshot id. */
  restorers?: Record<string, Or<string[]>>;
  tables?: Or<string[]>;
  /** Continuous backups by table name. */
  pitr?: Record<string, Or<ContinuousBackups>>;
  protectedResources?: Or<ProtectedResource[]>;
  inspector?: Or<InspectorStatus>;
  criticalFindings?: Or<InspectorFinding[]>;
  nodes?: Or<ManagedNode[]>;
  patchCompliance?: Or<PatchCompliance[]>;
  analyzers?: Or<Analyzer[]>;
  /** Active findings by analyzer ARN. */
  analyzerFindings?: Record<string, Or<ExternalAccessFinding[]>>;
  volumes?: Or<EbsVolume[]>;
  ec2Instances?: Or<Ec2Instance[]>;
}

const R = 'eu-west-1';

export const rdsInstance = (id: string, over: Partial<RdsInstance> = {}, region = R): RdsInstance => ({
  id,
  arn: `arn:aws:rds:${region}:${ACCOUNT}:db:${id}`,
  engine: 'postgres',
  status: 'available',
  clusterId: null,
  storageEncrypted: true,
  publiclyAccessible: false,
  backupRetentionPeriod: 7,
  ...over,
});

export const rdsCluster = (id: string, over: Partial<RdsCluster> = {}, region = R): RdsCluster => ({
  id,
  arn: `arn:aws:rds:${region}:${ACCOUNT}:cluster:${id}`,
  engine: 'aurora-postgresql',
  status: 'available',
  storageEncrypted: true,
  publiclyAccessible: null,
  backupRetentionPeriod: 7,
  members: [],
  ...over,
});

export const rdsSnapshot = (id: string, kind: 'instance' | 'cluster' = 'instance', region = R): RdsSnapshot => ({
  kind,
  id,
  arn: `arn:aws:rds:${region}:${ACCOUNT}:${kind === 'instance' ? 'snapshot' : 'cluster-snapshot'}:${id}`,
  sourceId: 'db',
  encrypted: true,
});

export const tableArn = (name: string, region = R) => `arn:aws:dynamodb:${region}:${ACCOUNT}:table/${name}`;

export const pitr = (status: 'ENABLED' | 'DISABLED' | null, days: number | null = status === 'ENABLED' ? 35 : null): ContinuousBackups => ({
  continuousBackupsStatus: status ?? 'DISABLED',
  pointInTimeRecoveryStatus: status,
  recoveryPeriodInDays: days,
  earliestRestorableDateTime: null,
});

export const analyzer = (name: string, over: Partial<Analyzer> = {}, region = R): Analyzer => ({
  arn: `arn:aws:access-analyzer:${region}:${ACCOUNT}:analyzer/${name}`,
  name,
  type: 'ACCOUNT',
  status: 'ACTIVE',
  ...over,
});

export const volume = (id: string, region = R): EbsVolume => ({
  volumeId: id,
  arn: `arn:aws:ec2:${region}:${ACCOUNT}:volume/${id}`,
  region,
  availabilityZone: `${region}a`,
  state: 'in-use',
  encrypted: true,
  kmsKeyId: null,
  sizeGiB: 8,
  volumeType: 'gp3',
  createTime: null,
  snapshotId: null,
  attachments: [],
});

export const ec2Instance = (id: string, state = 'running', region = R): Ec2Instance => ({
  instanceId: id,
  arn: `arn:aws:ec2:${region}:${ACCOUNT}:instance/${id}`,
  region,
  state,
  httpTokens: 'required',
  httpEndpoint: 'enabled',
  metadataState: 'applied',
});

const read =
  <A extends unknown[], T>(
    what: string,
    pick: (d: RegionData, ...args: A) => Or<T> | undefined,
    byRegion: Record<string, Or<RegionData>>,
  ) =>
  async (region: string, ...args: A): Promise<T> => {
    const d = byRegion[region];
    if (d === undefined) throw new Error(`test gave no data for ${region}`);
    if (d instanceof Error) throw d;
    const v = pick(d, ...args);
    if (v === undefined) throw new Error(`test gave no ${what} for ${region} ${args.join(',')}`);
    if (v instanceof Error) throw v;
    return v;
  };

/** Facts over regions; a region mapped to an Error fails every read there. */
export function dataFacts(byRegion: Record<string, Or<RegionData>>): FakeFacts<AwsFacts> {
  return {
    regions: async () => Object.keys(byRegion),
    rds: {
      instances: read('instances', (d) => d.instances, byRegion),
      clusters: read('clusters', (d) => d.clusters, byRegion),
      manualSnapshots: read('snapshots', (d) => d.snapshots, byRegion),
      restorers: read('restorers', (d, s: RdsSnapshot) => d.restorers?.[s.id], byRegion),
    },
    dynamodb: {
      tables: async (region) =>
        (await read('tables', (d) => d.tables, byRegion)(region)).map((name) => ({ name, arn: tableArn(name, region) })),
      continuousBackups: read('continuous backups', (d, t: string) => d.pitr?.[t], byRegion),
    },
    backup: { protectedResources: read('protected resources', (d) => d.protectedResources, byRegion) },
    inspector: {
      status: read('inspector status', (d) => d.inspector, byRegion),
      activeCriticalFindings: read('critical findings', (d) => d.criticalFindings, byRegion),
    },
    ssm: {
      managedNodes: read('managed nodes', (d) => d.nodes, byRegion),
      patchCompliance: read('patch compliance', (d) => d.patchCompliance, byRegion),
    },
    ebs: { volumes: read('volumes', (d) => d.volumes, byRegion) },
    ec2: { instances: read('EC2 instances', (d) => d.ec2Instances, byRegion) },
    accessAnalyzer: {
      analyzers: read('analyzers', (d) => d.analyzers, byRegion),
      activeFindings: read('analyzer findings', (d, arn: string) => d.analyzerFindings?.[arn], byRegion),
    },
  };
}
