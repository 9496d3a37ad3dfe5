import backupCoverage from '../../checks/aws/aws.backup.coverage.js';
import sgIngress from '../../checks/aws/aws.ec2.security-group-ingress.js';
import type { Check } from '../../src/core/check.js';
import { managementCoverage } from '../../src/judging/aws/cloudtrail.js';
import { exposedPorts, fromInternet } from '../../src/judging/aws/security-groups.js';
import type { SecurityGroupRule } from '../../src/providers/aws/ec2-types.js';
import type { AccountSpec } from '../../src/sandbox/aws/scenario.js';
import type { Ec2RuleSpec, SecurityGroupSpec } from '../../src/sandbox/aws/scenario-ec2.js';
import { rulePorts } from '../../src/sandbox/aws/world-ec2.js';
import type { TrailSpec } from '../../src/sandbox/aws/scenario-monitoring.js';

/**
 * The fewest calls of the services that are read region by region (EC2,
 * EBS, VPC, CloudWatch Logs, GuardDuty, AWS Config, Security Hub, RDS,
 * DynamoDB, AWS Backup, Inspector, SSM, Access Analyzer) and of CloudTrail,
 * derived from a scenario account as its checks read it: a listing in its
 * API's largest page, a per-item read where the API has no list or batch
 * form, and a read that depends on an earlier answer only where that answer
 * calls for it (GuardDuty's findings only of an enabled detector). Calls
 * are `service:Operation` IAM actions, as the scan records them.
 */

export type Calls = Record<string, number>;

export const pages = (items: number, pageSize: number) => Math.max(1, Math.ceil(items / pageSize));

/** The largest pages, from each API reference (the fetchers ask for the same). */
export const REGIONAL_PAGE = {
  /** EC2 Describe* MaxResults: 5–1000. */
  ec2: 1000,
  /** DescribeLogGroups limit: 1–50. */
  logGroups: 50,
  /** GuardDuty ListDetectors, ListFindings MaxResults and GetFindings FindingIds: at most 50. */
  guardduty: 50,
  /** GetEnabledStandards MaxResults: 1–100. */
  securityHubStandards: 100,
  /** RDS Describe* MaxRecords: 20–100. */
  rds: 100,
  /** DynamoDB ListTables Limit: 1–100. */
  dynamoTables: 100,
  /** ListProtectedResources MaxResults: 1–1000. */
  backup: 1000,
  /** Inspector ListFindings maxResults: 1–100. */
  inspectorFindings: 100,
  /** DescribeInstanceInformation and ListResourceComplianceSummaries MaxResults: 5–50. */
  ssm: 50,
  /** Access Analyzer ListAnalyzers and ListFindings: the fetcher's 100 (the API reference sets no larger bound). */
  accessAnalyzer: 100,
};

/** A declared setting's default, as a scan without configuration reads it. */
function settingDefault<T>(check: Check, name: string): T {
  const spec = (check.meta as { settings?: Record<string, { default?: unknown }> }).settings?.[name];
  if (spec?.default === undefined) throw new Error(`${check.meta.id} declares no default for ${name}`);
  return spec.default as T;
}

/** A scenario rule as DescribeSecurityGroupRules answers it. */
function ruleFact(r: Ec2RuleSpec, isEgress: boolean): SecurityGroupRule {
  const [from, to] = rulePorts(r);
  return {
    ruleId: '',
    groupId: '',
    isEgress,
    ipProtocol: r.protocol,
    fromPort: from,
    toPort: to,
    cidrIpv4: !r.source.includes(':') && r.source.includes('/') ? r.source : null,
    cidrIpv6: r.source.includes(':') ? r.source : null,
    prefixListId: r.source.startsWith('pl-') ? r.source : null,
    referencedGroupId: null,
    description: null,
  };
}

/** Every security group of a region with its rules: the scenario's, and EC2's `default` group of each VPC that has none. */
function groupsIn(a: AccountSpec, region: string): SecurityGroupSpec[] {
  const own = (a.securityGroups ?? []).filter((g) => g.region === region);
  const defaults = (a.vpcs ?? [])
    .filter((v) => v.region === region && !own.some((g) => g.name === 'default' && g.vpc === v.id))
    .map((v) => ({ name: 'default', region, vpc: v.id, ingress: [{ protocol: '-1', source: 'self' }] }));
  return [...own, ...defaults];
}

const ALL_OUT: Ec2RuleSpec[] = [{ protocol: '-1', source: '0.0.0.0/0' }];

/** A multi-Region trail that records every management event now (src/judging/aws/cloudtrail.ts). */
function recording(t: TrailSpec): boolean {
  const coverage = managementCoverage({
    basic: (t.eventSelectors ?? (t.advancedEventSelectors ? [] : [{}])).map((s) => ({
      readWriteType: s.readWriteType ?? null,
      includeManagementEvents: s.includeManagementEvents ?? null,
      excludeManagementEventSources: s.excludeManagementEventSources ?? [],
    })),
    advanced: (t.advancedEventSelectors ?? []).map((s) => ({
      name: s.name ?? null,
      fields: s.fieldSelectors.map((f) => ({ field: f.field, equals: f.equals ?? [], notEquals: f.notEquals ?? [] })),
    })),
  });
  return t.logging !== false && !t.deliveryError && coverage.read && coverage.write;
}

/** CloudTrail, read once from the home Region: the trails, then each multi-Region trail's status and custom selectors. */
export function trailCalls(a: AccountSpec, accountBlocksAll: boolean): { calls: Calls; chain: number } {
  const multi = (a.trails ?? []).filter((t) => t.multiRegion !== false);
  const custom = multi.filter((t) => t.eventSelectors ?? t.advancedEventSelectors);
  // aws.cloudtrail.integrity reads the bucket block of a recording, validated, KMS-encrypted trail only where the account's
  // block does not cover it, and only for a bucket that is not the account's own (those are read for every bucket then).
  const outside = accountBlocksAll
    ? 0
    : multi.filter((t) => recording(t) && t.logFileValidation && t.kmsKey && !(a.buckets ?? []).some((b) => b.name === t.bucket)).length;
  return {
    calls: {
      'cloudtrail:DescribeTrails': 1,
      'cloudtrail:GetTrailStatus': multi.length,
      'cloudtrail:GetEventSelectors': custom.length,
      // Another account's bucket: its region first (GetBucketLocation), then its block.
      ...(outside ? { 's3:GetBucketLocation': outside, 's3:GetBucketPublicAccessBlock': outside } : {}),
    },
    chain: 1 + (multi.length ? 1 : 0) + (custom.length ? 1 : 0) + (outside ? 2 : 0),
  };
}

/** One region's calls, and its longest chain of calls that must follow one another. */
export function regionCalls(a: AccountSpec, region: string): { calls: Calls; chain: number } {
  const calls: Calls = {};
  const chains: number[] = [1];
  const add = (op: string, n: number) => {
    if (n > 0) calls[op] = (calls[op] ?? 0) + n;
  };
  const inRegion = <T extends { region: string }>(items: T[] | undefined) => (items ?? []).filter((i) => i.region === region);

  // EC2, EBS, VPC: one listing each, whole pages of 1,000.
  const vpcs = inRegion(a.vpcs);
  const groups = groupsIn(a, region);
  const rules = groups.flatMap((g) => [
    ...(g.ingress ?? []).map((r) => ruleFact(r, false)),
    ...(g.egress ?? ALL_OUT).map((r) => ruleFact(r, true)),
  ]);
  const instances = inRegion(a.instances);
  const snapshots = inRegion(a.snapshots);
  const watched = settingDefault<number[]>(sgIngress, 'ports');
  const open = rules.some((r) => fromInternet(r) && (exposedPorts(r, watched) === 'all' || exposedPorts(r, watched).length > 0));
  add('ec2:GetEbsEncryptionByDefault', 1);
  add('ec2:DescribeVolumes', pages(inRegion(a.volumes).length, REGIONAL_PAGE.ec2));
  // Owned snapshots, then those restorable by `all`: two listings instead of an attribute read per snapshot.
  add(
    'ec2:DescribeSnapshots',
    pages(snapshots.length, REGIONAL_PAGE.ec2) + pages(snapshots.filter((s) => s.public).length, REGIONAL_PAGE.ec2),
  );
  add('ec2:DescribeSecurityGroupRules', pages(rules.length, REGIONAL_PAGE.ec2));
  add('ec2:DescribeSecurityGroups', pages(vpcs.length, REGIONAL_PAGE.ec2));
  // Which interfaces hold a group is read only when a group is open to the internet.
  const interfaces = instances.filter((i) => i.state !== 'terminated').length + inRegion(a.networkInterfaces).length;
  if (open) add('ec2:DescribeNetworkInterfaces', pages(interfaces, REGIONAL_PAGE.ec2));
  add('ec2:DescribeInstances', pages(instances.length, REGIONAL_PAGE.ec2));
  add('ec2:DescribeVpcs', pages(vpcs.length, REGIONAL_PAGE.ec2));
  if (vpcs.length)
    add(
      'ec2:DescribeFlowLogs',
      pages(
        vpcs.reduce((n, v) => n + (v.flowLogs ?? []).length, 0),
        REGIONAL_PAGE.ec2,
      ),
    );

  add('logs:DescribeLogGroups', pages(inRegion(a.logGroups).length, REGIONAL_PAGE.logGroups));
  chains.push(pages(inRegion(a.logGroups).length, REGIONAL_PAGE.logGroups));

  // GuardDuty: the detector, then the high, unarchived findings of an enabled one (listed, then fetched 50 at a time).
  const detectors = inRegion(a.guardDuty);
  add('guardduty:ListDetectors', pages(detectors.length, REGIONAL_PAGE.guardduty));
  add('guardduty:GetDetector', detectors.length);
  const enabled = detectors.find((d) => (d.status ?? 'ENABLED') === 'ENABLED');
  if (enabled) {
    const high = (enabled.findings ?? []).filter((f) => f.severity >= 7 && !f.archived).length;
    add('guardduty:ListFindings', pages(high, REGIONAL_PAGE.guardduty));
    add('guardduty:GetFindings', Math.ceil(high / REGIONAL_PAGE.guardduty));
    chains.push(2 + pages(high, REGIONAL_PAGE.guardduty) + (high ? 1 : 0));
  }

  // AWS Config: the recorders; status and delivery only of a region that has one.
  add('config:DescribeConfigurationRecorders', 1);
  if (inRegion(a.configRecorders).length) {
    add('config:DescribeConfigurationRecorderStatus', 1);
    add('config:DescribeDeliveryChannelStatus', 1);
    chains.push(2);
  }

  // Security Hub: the hub; its standards only where it is enabled.
  add('securityhub:DescribeHub', 1);
  const hub = inRegion(a.securityHub)[0];
  if (hub) {
    add('securityhub:GetEnabledStandards', pages((hub.standards ?? []).length, REGIONAL_PAGE.securityHubStandards));
    chains.push(1 + pages((hub.standards ?? []).length, REGIONAL_PAGE.securityHubStandards));
  }

  // RDS: instances, clusters and manual snapshots listed; who may restore a snapshot is read per snapshot.
  const dbs = inRegion(a.rds?.instances);
  const clusters = inRegion(a.rds?.clusters);
  const manual = inRegion(a.rds?.snapshots);
  const instanceSnapshots = manual.filter((s) => !s.cluster).length;
  const clusterSnapshots = manual.length - instanceSnapshots;
  add('rds:DescribeDBInstances', pages(dbs.length, REGIONAL_PAGE.rds));
  add('rds:DescribeDBClusters', pages(clusters.length, REGIONAL_PAGE.rds));
  add('rds:DescribeDBSnapshots', pages(instanceSnapshots, REGIONAL_PAGE.rds));
  add('rds:DescribeDBClusterSnapshots', pages(clusterSnapshots, REGIONAL_PAGE.rds));
  add('rds:DescribeDBSnapshotAttributes', instanceSnapshots);
  add('rds:DescribeDBClusterSnapshotAttributes', clusterSnapshots);
  chains.push(pages(instanceSnapshots, REGIONAL_PAGE.rds) + pages(clusterSnapshots, REGIONAL_PAGE.rds) + (manual.length ? 1 : 0));

  // DynamoDB: the tables, then each table's continuous backups (no list or batch form carries them).
  const tables = inRegion(a.dynamodbTables);
  add('dynamodb:ListTables', pages(tables.length, REGIONAL_PAGE.dynamoTables));
  add('dynamodb:DescribeContinuousBackups', tables.length);
  chains.push(pages(tables.length, REGIONAL_PAGE.dynamoTables) + (tables.length ? 1 : 0));

  // AWS Backup's recovery points, read only when a data store is not already covered by enough RDS automated backups.
  const minRetention = settingDefault<number>(backupCoverage, 'minRetentionDays');
  const short = (days: number | undefined) => (days ?? 7) < minRetention;
  const uncovered =
    tables.length > 0 ||
    inRegion(a.volumes).length > 0 ||
    clusters.some((c) => short(c.backupRetentionDays)) ||
    dbs.some((d) => !d.cluster && short(d.backupRetentionDays));
  if (uncovered) {
    const protectedHere =
      dbs.filter((d) => d.awsBackup !== undefined).length +
      clusters.filter((c) => c.awsBackup !== undefined).length +
      tables.filter((t) => t.awsBackup !== undefined).length +
      (a.backupProtected ?? []).filter((p) => p.resourceArn.split(':')[3] === region).length;
    add('backup:ListProtectedResources', pages(protectedHere, REGIONAL_PAGE.backup));
    chains.push(2 + pages(protectedHere, REGIONAL_PAGE.backup));
  }

  // Inspector: the account's state; its critical findings only where every scan type is on.
  add('inspector2:BatchGetAccountStatus', 1);
  const inspector = a.inspector?.regions.find((r) => r.region === region);
  if (inspector && inspector.ec2 !== false && inspector.ecr !== false && inspector.lambda !== false) {
    const critical = (a.inspector?.findings ?? []).filter(
      (f) => f.region === region && f.severity === 'CRITICAL' && (f.status ?? 'ACTIVE') === 'ACTIVE',
    ).length;
    add('inspector2:ListFindings', pages(critical, REGIONAL_PAGE.inspectorFindings));
    chains.push(1 + pages(critical, REGIONAL_PAGE.inspectorFindings));
  }

  // SSM: the managed nodes, and every node's patch compliance in one listing.
  const nodes = inRegion(a.managedNodes);
  add('ssm:DescribeInstanceInformation', pages(nodes.length, REGIONAL_PAGE.ssm));
  add('ssm:ListResourceComplianceSummaries', pages(nodes.filter((n) => n.patch).length, REGIONAL_PAGE.ssm));
  chains.push(pages(nodes.length, REGIONAL_PAGE.ssm), pages(nodes.filter((n) => n.patch).length, REGIONAL_PAGE.ssm));

  // Access Analyzer: the analyzers; the active findings of each active external-access one.
  const analyzers = inRegion(a.accessAnalyzers);
  add('access-analyzer:ListAnalyzers', pages(analyzers.length, REGIONAL_PAGE.accessAnalyzer));
  for (const an of analyzers.filter(
    (x) => ['ACCOUNT', 'ORGANIZATION'].includes(x.type ?? 'ACCOUNT') && (x.status ?? 'ACTIVE') === 'ACTIVE',
  )) {
    const active = (an.findings ?? []).filter((f) => (f.status ?? 'ACTIVE') === 'ACTIVE').length;
    add('access-analyzer:ListFindings', pages(active, REGIONAL_PAGE.accessAnalyzer));
    chains.push(1 + pages(active, REGIONAL_PAGE.accessAnalyzer));
  }
  return { calls, chain: Math.max(...chains) };
}
