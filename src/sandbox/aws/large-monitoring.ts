import type { ConfigRecorderSpec, GuardDutySpec, LogGroupSpec, SecurityHubSpec, TrailSpec } from './scenario-monitoring.js';
import { perRegion } from './large-ec2.js';
import { pad, times, type AccountPart } from './large-sizes.js';

/**
 * The logging and monitoring share of the generated account. The services
 * with one setting per region follow a fixed layout over the regions (the
 * first well kept, the second with a fault, the last without the service);
 * log groups are many per region, their retention and encryption mixed by
 * `pick`.
 */

const RETENTIONS = [undefined, 30, 365, 731, 3653] as const;
const FSBP = 'aws-foundational-security-best-practices/v/1.0.0';

export const monitoringPart: AccountPart = (sizes, regions, pick) => {
  const home = regions[0]!;
  const last = regions.length > 1 ? regions.length - 1 : -1;
  const trails: TrailSpec[] = [
    // The organisation-wide audit trail: validated, KMS-encrypted, into a bucket the account-level block covers.
    { name: 'globex-audit', homeRegion: home, logFileValidation: true, kmsKey: `alias/globex-${home}-001`, bucket: 'globex-000' },
    // Custom selectors that keep writes only: read by GetEventSelectors, and short of management reads.
    { name: 'globex-writes', homeRegion: home, bucket: 'globex-001', eventSelectors: [{ readWriteType: 'WriteOnly' }] },
    // A single-Region trail counts for no multi-Region check.
    { name: 'globex-legacy', homeRegion: home, multiRegion: false, bucket: 'globex-002' },
  ];
  const guardDuty: GuardDutySpec[] = regions.flatMap((region, r): GuardDutySpec[] => {
    if (r === last) return [];
    if (r === 1) return [{ region, status: 'SUSPENDED' }];
    return [
      {
        region,
        findings: [
          { type: 'Recon:EC2/PortProbeUnprotectedPort', severity: 5, age: { days: 2 } },
          { type: 'UnauthorizedAccess:EC2/SSHBruteForce', severity: 7.5, age: { days: r === 0 ? 45 : 3 } },
          { type: 'CryptoCurrency:EC2/BitcoinTool.B', severity: 8, age: { days: 60 }, archived: true },
        ],
      },
    ];
  });
  const securityHub: SecurityHubSpec[] = regions.flatMap((region, r): SecurityHubSpec[] =>
    r < 2 && r !== last ? [{ region, standards: [{ standard: FSBP, status: r === 0 ? 'READY' : 'INCOMPLETE' }] }] : [],
  );
  const configRecorders: ConfigRecorderSpec[] = regions.flatMap((region, r): ConfigRecorderSpec[] =>
    r === last ? [] : [{ region, ...(r === 1 ? { recording: false } : {}) }],
  );
  const logGroups: LogGroupSpec[] = regions.flatMap((region) =>
    times(perRegion(sizes).logGroups, (i) => {
      const retentionDays = RETENTIONS[pick(i, `log-retention-${region}`) % RETENTIONS.length];
      return {
        name: `/aws/lambda/globex-${pad(i)}`,
        region,
        ...(retentionDays ? { retentionDays } : {}),
        // 2 in 3 encrypted with a customer key of their region.
        ...(pick(i, `log-kms-${region}`) % 3 !== 0 ? { kmsKey: `alias/globex-${region}-001` } : {}),
        created: { days: 10 + (i % 500) },
      };
    }),
  );
  return { trails, guardDuty, securityHub, configRecorders, logGroups };
};
