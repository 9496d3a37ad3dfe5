import { ago, hexId } from './ids.js';
import type { AccountSpec } from './scenario.js';
import type { ConfigRecorderSpec, SecurityHubSpec, TrailSpec } from './scenario-monitoring.js';

/**
 * The logging and monitoring services of one account, resolved from the
 * scenario: ARNs built, ages turned into instants, key references resolved.
 */

export interface TrailState extends Omit<TrailSpec, 'kmsKey'> {
  arn: string;
  account: string;
  homeRegion: string;
  multiRegion: boolean;
  kmsKeyArn?: string;
  started: Date;
}
export interface FindingState {
  id: string;
  type: string;
  severity: number;
  created: Date;
  updated: Date;
  archived: boolean;
}
export interface DetectorState {
  id: string;
  region: string;
  status: string;
  created: Date;
  findings: FindingState[];
}
export interface LogGroupState {
  name: string;
  region: string;
  arn: string;
  retentionDays?: number;
  kmsKeyArn?: string;
  created: Date;
}
export interface MonitoringWorld {
  trails: TrailState[];
  detectors: DetectorState[];
  hubs: (SecurityHubSpec & { subscribed: Date })[];
  recorders: ConfigRecorderSpec[];
  logGroups: LogGroupState[];
}

/** A KMS reference as the scenario writes it: an ARN stays, an alias or key id names one of the account's keys in `region`. */
type KeyFinder = (ref: string | undefined, region: string, owner: string) => string | undefined;

export function buildMonitoring(
  account: string,
  spec: AccountSpec,
  now: Date,
  keys: { id: string; arn: string; region: string; aliases: string[] }[],
): MonitoringWorld {
  const keyArn: KeyFinder = (ref, region, owner) => {
    if (ref === undefined || ref.startsWith('arn:')) return ref;
    const key = keys.find((k) => k.region === region && (k.id === ref || k.aliases.includes(ref)));
    if (!key) throw new Error(`${owner}: unknown KMS key "${ref}" in ${region} of account ${account}`);
    return key.arn;
  };
  const created = new Date(now.getTime() - 1000 * 86_400_000);
  const home = spec.regions[0] ?? 'us-east-1';
  return {
    trails: (spec.trails ?? []).map((t) => {
      const region = t.homeRegion ?? home;
      return {
        ...t,
        account,
        homeRegion: region,
        multiRegion: t.multiRegion ?? true,
        arn: `arn:aws:cloudtrail:${region}:${account}:trail/${t.name}`,
        kmsKeyArn: keyArn(t.kmsKey, region, `trail ${t.name}`),
        started: created,
      };
    }),
    detectors: (spec.guardDuty ?? []).map((d) => ({
      id: hexId(`${account}:${d.region}:detector`, 32),
      region: d.region,
      status: d.status ?? 'ENABLED',
      created,
      findings: (d.findings ?? []).map((f, i) => {
        const first = ago(f.age, now) ?? now;
        return {
          id: hexId(`${account}:${d.region}:finding:${i}`, 32),
          type: f.type ?? 'Recon:EC2/PortProbeUnprotectedPort',
          severity: f.severity,
          created: first,
          updated: first,
          archived: f.archived ?? false,
        };
      }),
    })),
    hubs: (spec.securityHub ?? []).map((h) => ({ ...h, subscribed: created })),
    recorders: spec.configRecorders ?? [],
    logGroups: (spec.logGroups ?? []).map((g) => ({
      name: g.name,
      region: g.region,
      arn: `arn:aws:logs:${g.region}:${account}:log-group:${g.name}`,
      retentionDays: g.retentionDays,
      kmsKeyArn: keyArn(g.kmsKey, g.region, `log group ${g.name}`),
      created: ago(g.created, now) ?? created,
    })),
  };
}
