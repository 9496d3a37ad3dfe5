import { ago, hexId, uuid } from './ids.js';
import type { AccountSpec } from './scenario.js';

/** The data, backup, vulnerability and access services of one account, resolved from its scenario entry. */

export interface RdsInstance {
  id: string;
  region: string;
  arn: string;
  resourceId: string;
  engine: string;
  cluster?: string;
  encrypted: boolean;
  public: boolean;
  backupRetentionDays: number;
  created: Date;
}
export interface RdsCluster {
  id: string;
  region: string;
  arn: string;
  engine: string;
  aurora: boolean;
  encrypted: boolean;
  public: boolean;
  backupRetentionDays: number;
  members: string[];
  created: Date;
}
export interface RdsSnapshot {
  kind: 'instance' | 'cluster';
  type: 'manual' | 'automated';
  id: string;
  region: string;
  arn: string;
  source: string;
  engine: string;
  encrypted: boolean;
  sharedWith: string[];
  created: Date;
}
export interface DynamoTable {
  name: string;
  region: string;
  arn: string;
  pointInTimeRecovery: boolean;
  recoveryPeriodDays: number;
  created: Date;
}
export interface ProtectedResource {
  arn: string;
  region: string;
  type: string;
  name: string;
  lastBackup: Date;
}
export interface InspectorRegion {
  region: string;
  ec2: boolean;
  ecr: boolean;
  lambda: boolean;
}
export interface InspectorFinding {
  arn: string;
  region: string;
  severity: string;
  status: string;
  firstObserved: Date;
  title: string;
  resource: string;
}
export interface ManagedNode {
  id: string;
  region: string;
  ping: string;
  platform: string;
  patch?: string;
  missing: number;
}
export interface AnalyzerFinding {
  id: string;
  resource: string;
  resourceType: string;
  status: string;
  public: boolean;
  principal: string;
}
export interface Analyzer {
  arn: string;
  name: string;
  region: string;
  type: string;
  status: string;
  findings: AnalyzerFinding[];
}

export interface DataWorld {
  rdsInstances: RdsInstance[];
  rdsClusters: RdsCluster[];
  rdsSnapshots: RdsSnapshot[];
  tables: DynamoTable[];
  protectedResources: ProtectedResource[];
  inspectorRegions: InspectorRegion[];
  inspectorFindings: InspectorFinding[];
  managedNodes: ManagedNode[];
  analyzers: Analyzer[];
}

const DAY = 86_400_000;

export function buildDataWorld(spec: AccountSpec, now: Date, created: Date): DataWorld {
  const id = spec.id;
  const arn = (service: string, region: string, resource: string) => `arn:aws:${service}:${region}:${id}:${resource}`;
  const clusters: RdsCluster[] = (spec.rds?.clusters ?? []).map((c) => {
    const engine = c.engine ?? 'aurora-postgresql';
    return {
      id: c.id,
      region: c.region,
      arn: arn('rds', c.region, `cluster:${c.id}`),
      engine,
      aurora: engine.startsWith('aurora'),
      encrypted: c.encrypted ?? true,
      public: c.public ?? false,
      backupRetentionDays: c.backupRetentionDays ?? 7,
      members: (spec.rds?.instances ?? []).filter((i) => i.cluster === c.id).map((i) => i.id),
      created,
    };
  });
  const instances: RdsInstance[] = (spec.rds?.instances ?? []).map((i) => {
    const cluster = clusters.find((c) => c.id === i.cluster && c.region === i.region);
    if (i.cluster && !cluster) throw new Error(`RDS instance ${i.id}: unknown cluster "${i.cluster}" in ${i.region} of account ${id}`);
    return {
      id: i.id,
      region: i.region,
      arn: arn('rds', i.region, `db:${i.id}`),
      resourceId: `db-${hexId(`${id}:${i.id}`, 26).toUpperCase()}`,
      engine: cluster?.engine ?? i.engine ?? 'postgres',
      cluster: cluster?.id,
      encrypted: cluster?.encrypted ?? i.encrypted ?? true,
      public: i.public ?? false,
      backupRetentionDays: cluster?.backupRetentionDays ?? i.backupRetentionDays ?? 7,
      created,
    };
  });
  const day = now.toISOString().slice(0, 10);
  // RDS takes one automated snapshot a day while retention is on; only manual ones can be shared.
  const automated: RdsSnapshot[] = [
    ...instances
      .filter((i) => !i.cluster && i.backupRetentionDays > 0)
      .map((i) => ({
        kind: 'instance' as const,
        region: i.region,
        source: i.id,
        engine: i.engine,
        encrypted: i.encrypted,
        ids: `rds:${i.id}-${day}`,
      })),
    ...clusters
      .filter((c) => c.backupRetentionDays > 0)
      .map((c) => ({
        kind: 'cluster' as const,
        region: c.region,
        source: c.id,
        engine: c.engine,
        encrypted: c.encrypted,
        ids: `rds:${c.id}-${day}`,
      })),
  ].map(({ ids, ...s }) => ({
    ...s,
    type: 'automated' as const,
    id: ids,
    arn: arn('rds', s.region, `${s.kind === 'cluster' ? 'cluster-snapshot' : 'snapshot'}:${ids}`),
    sharedWith: [],
    created: new Date(now.getTime() - 3_600_000),
  }));
  const manual: RdsSnapshot[] = (spec.rds?.snapshots ?? []).map((s) => {
    const kind = s.cluster ? ('cluster' as const) : ('instance' as const);
    const source = s.cluster ?? s.instance ?? s.id;
    const db = kind === 'cluster' ? clusters.find((c) => c.id === source) : instances.find((i) => i.id === source);
    return {
      kind,
      type: 'manual' as const,
      id: s.id,
      region: s.region,
      arn: arn('rds', s.region, `${kind === 'cluster' ? 'cluster-snapshot' : 'snapshot'}:${s.id}`),
      source,
      engine: db?.engine ?? 'postgres',
      encrypted: db?.encrypted ?? true,
      sharedWith: s.sharedWith ?? [],
      created: ago(s.created, now) ?? new Date(now.getTime() - 30 * DAY),
    };
  });
  const tables: DynamoTable[] = (spec.dynamodbTables ?? []).map((t) => ({
    name: t.name,
    region: t.region,
    arn: arn('dynamodb', t.region, `table/${t.name}`),
    pointInTimeRecovery: t.pointInTimeRecovery ?? false,
    recoveryPeriodDays: t.recoveryPeriodDays ?? 35,
    created,
  }));
  const backedUp = (type: string, region: string, resourceArn: string, name: string, age: Parameters<typeof ago>[0]) =>
    age === undefined ? [] : [{ arn: resourceArn, region, type, name, lastBackup: ago(age, now)! }];
  const protectedResources: ProtectedResource[] = [
    ...(spec.rds?.instances ?? []).flatMap((i) => backedUp('RDS', i.region, arn('rds', i.region, `db:${i.id}`), i.id, i.awsBackup)),
    ...(spec.rds?.clusters ?? []).flatMap((c) => backedUp('Aurora', c.region, arn('rds', c.region, `cluster:${c.id}`), c.id, c.awsBackup)),
    ...(spec.dynamodbTables ?? []).flatMap((t) =>
      backedUp('DynamoDB', t.region, arn('dynamodb', t.region, `table/${t.name}`), t.name, t.awsBackup),
    ),
    ...(spec.backupProtected ?? []).map((p) => ({
      arn: p.resourceArn,
      region: p.resourceArn.split(':')[3] ?? '',
      type: p.resourceType ?? p.resourceArn.split(':')[2]?.toUpperCase() ?? '',
      name: p.resourceArn.split(/[:/]/).pop() ?? '',
      lastBackup: ago(p.lastBackup, now)!,
    })),
  ];
  return {
    rdsInstances: instances,
    rdsClusters: clusters,
    rdsSnapshots: [...manual, ...automated],
    tables,
    protectedResources,
    inspectorRegions: (spec.inspector?.regions ?? []).map((r) => ({
      region: r.region,
      ec2: r.ec2 ?? true,
      ecr: r.ecr ?? true,
      lambda: r.lambda ?? true,
    })),
    inspectorFindings: (spec.inspector?.findings ?? []).map((f, i) => ({
      arn: arn('inspector2', f.region, `finding/${hexId(`${id}:finding:${i}`, 32)}`),
      region: f.region,
      severity: f.severity,
      status: f.status ?? 'ACTIVE',
      firstObserved: ago(f.firstObserved, now)!,
      title: f.title ?? `CVE-2024-${1000 + i} - openssl`,
      resource: f.resource ?? `i-${hexId(`${id}:finding-resource:${i}`, 17)}`,
    })),
    managedNodes: (spec.managedNodes ?? []).map((n) => ({
      id: n.id,
      region: n.region,
      ping: n.ping ?? 'Online',
      platform: n.platform ?? 'Linux',
      patch: n.patch,
      missing: n.patch === 'NON_COMPLIANT' ? (n.missing ?? 1) : 0,
    })),
    analyzers: (spec.accessAnalyzers ?? []).map((a) => ({
      arn: arn('access-analyzer', a.region, `analyzer/${a.name}`),
      name: a.name,
      region: a.region,
      type: a.type ?? 'ACCOUNT',
      status: a.status ?? 'ACTIVE',
      findings: (a.findings ?? []).map((f, i) => ({
        id: uuid(`${id}:${a.name}:finding:${i}`),
        resource: f.resource,
        resourceType: f.resourceType,
        status: f.status ?? 'ACTIVE',
        public: f.public ?? false,
        principal: f.principal ?? (f.public ? '*' : '111122223333'),
      })),
    })),
  };
}
