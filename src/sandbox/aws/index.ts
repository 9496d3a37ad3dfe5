import type { Logger } from 'pino';
import { describeSchemaErrors, validatorFor } from '../../core/schemas.js';
import { accessAnalyzerService } from './accessanalyzer.js';
import { backupService } from './backup.js';
import { dynamodbService } from './dynamodb.js';
import { ec2Service } from './ec2.js';
import { inspector2Service } from './inspector2.js';
import { cloudtrailService } from './cloudtrail.js';
import { configService } from './config.js';
import { guarddutyService } from './guardduty.js';
import { iamService } from './iam.js';
import { kmsService } from './kms.js';
import { logsService } from './logs.js';
import { organizationsService } from './organizations.js';
import { rdsService } from './rds.js';
import { s3Service } from './s3.js';
import { s3controlService } from './s3control.js';
import { ssmService } from './ssm.js';
import { securityhubService } from './securityhub.js';
import { ssoAdminService } from './sso-admin.js';
import { identitystoreService } from './identitystore.js';
import { LOOPBACK_NAMES } from '../../providers/aws/host-lookup.js';
import { rateLimiter } from './rate-limits.js';
import { faultsOf } from './rules.js';
import type { AwsScenario } from './scenario.js';
import { listen, type Listening, type ServiceHandler, type Shared } from './server.js';
import { stsService } from './sts.js';
import { buildWorld } from './world.js';

export type { AwsScenario } from './scenario.js';

export interface AwsSandboxEndpoints {
  iam: string;
  sts: string;
  s3: string;
  /** Served as `http://localhost:<port>`: the SDK prefixes the account id to the host (see docs/sandbox-aws.md). */
  s3control: string;
  kms: string;
  ec2: string;
  organizations: string;
  rds: string;
  dynamodb: string;
  backup: string;
  inspector2: string;
  ssm: string;
  accessanalyzer: string;
  cloudtrail: string;
  config: string;
  guardduty: string;
  securityhub: string;
  logs: string;
  'sso-admin': string;
  identitystore: string;
}

export interface AwsSandbox {
  endpoints: AwsSandboxEndpoints;
  /** Host names a client must resolve itself to reach the endpoints (`*.localhost`, see docs/sandbox-aws.md). */
  hosts: Readonly<Record<string, string>>;
  /** Account ids; the first is the one unknown credentials act for. */
  accounts: string[];
  homeRegion: string;
  /** Every region enabled in any account. */
  regions: string[];
  /** Requests by operation, and (with `rateLimits`) those refused for exceeding a quota. */
  stats(): { requests: number; byOperation: Record<string, number>; throttled: Record<string, number> };
  stop(): Promise<void>;
}

export interface AwsSandboxOptions {
  log?: Logger;
  /** The instant ages are measured from; defaults to now. */
  now?: Date;
}

/** Validates an `aws:` scenario section against schemas/scenario-aws.schema.json; throws naming every problem. */
export function validateAwsScenario(section: unknown): AwsScenario {
  const validate = validatorFor('scenario-aws');
  if (!validate(section)) throw new Error(`invalid aws scenario: ${describeSchemaErrors(validate.errors).join('; ')}`);
  return section as AwsScenario;
}

/**
 * Starts the AWS emulator: one loopback listener per service, each speaking
 * that service's real wire protocol, all answering from one world built
 * from the scenario.
 */
export async function startAwsSandbox(scenario: AwsScenario, options: AwsSandboxOptions = {}): Promise<AwsSandbox> {
  const valid = validateAwsScenario(scenario);
  const world = buildWorld(valid, options.now ?? new Date());
  const shared: Shared = {
    world,
    credentials: new Map(),
    deny: valid.deny,
    faults: faultsOf(valid.faults),
    ...(valid.rateLimits ? { rateLimiter: rateLimiter() } : {}),
    counts: new Map(),
    log: options.log,
  };
  const handlers: Record<keyof AwsSandboxEndpoints, ServiceHandler> = {
    iam: iamService({ reportInProgress: valid.faults?.reportInProgress }),
    sts: stsService(shared),
    s3: s3Service(),
    s3control: s3controlService(),
    kms: kmsService(),
    ec2: ec2Service(),
    organizations: organizationsService(),
    rds: rdsService(),
    dynamodb: dynamodbService(),
    backup: backupService(),
    inspector2: inspector2Service(),
    ssm: ssmService(),
    accessanalyzer: accessAnalyzerService(),
    cloudtrail: cloudtrailService(),
    config: configService(),
    guardduty: guarddutyService(),
    securityhub: securityhubService(),
    logs: logsService(),
    'sso-admin': ssoAdminService(),
    identitystore: identitystoreService(),
  };
  const started: Partial<Record<keyof AwsSandboxEndpoints, Listening>> = {};
  try {
    for (const [name, handler] of Object.entries(handlers) as [keyof AwsSandboxEndpoints, ServiceHandler][]) {
      started[name] = await listen(handler, shared, name === 's3control' ? 'localhost' : '127.0.0.1');
    }
  } catch (err) {
    await Promise.all(Object.values(started).map((l) => l.close()));
    throw err;
  }
  const listeners = started as Record<keyof AwsSandboxEndpoints, Listening>;
  options.log?.debug({ endpoints: Object.fromEntries(Object.entries(listeners).map(([k, l]) => [k, l.url])) }, 'aws sandbox started');
  return {
    endpoints: Object.fromEntries(Object.entries(listeners).map(([k, l]) => [k, l.url])) as unknown as AwsSandboxEndpoints,
    hosts: LOOPBACK_NAMES,
    accounts: world.accounts.map((a) => a.id),
    homeRegion: world.homeRegion,
    regions: [...new Set(world.accounts.flatMap((a) => a.regions))],
    stats() {
      const byOperation = Object.fromEntries([...shared.counts.entries()].sort(([a], [b]) => a.localeCompare(b)));
      return {
        requests: Object.values(byOperation).reduce((n, c) => n + c, 0),
        byOperation,
        throttled: shared.rateLimiter?.refused() ?? {},
      };
    },
    async stop() {
      await Promise.all(Object.values(listeners).map((l) => l.close()));
    },
  };
}
