import type { AwsSection } from '../../config/config.js';
import type { Provider, ProviderRuntime, SandboxHandle } from '../../core/provider.js';
import type { Target } from '../../core/types.js';
import type { FactScope } from '../../core/facts.js';
import { clientsFor, type AwsClients } from './clients.js';
import { cloudtrailFacts } from './cloudtrail-facts.js';
import { configFacts } from './config-facts.js';
import { classify, inspect } from './errors.js';
import { globalFacts } from './iam-facts.js';
import { ebsFacts } from './ebs-facts.js';
import { ec2Facts } from './ec2-facts.js';
import { kmsFacts } from './kms-facts.js';
import { accessAnalyzerFacts } from './accessanalyzer-facts.js';
import { backupFacts } from './backup-facts.js';
import { dynamoDbFacts } from './dynamodb-facts.js';
import { inspectorFacts } from './inspector-facts.js';
import { rdsFacts } from './rds-facts.js';
import { ssmFacts } from './ssm-facts.js';
import { s3Facts } from './s3-facts.js';
import { vpcFacts } from './vpc-facts.js';
import { guarddutyFacts } from './guardduty-facts.js';
import { logsFacts } from './logs-facts.js';
import { securityhubFacts } from './securityhub-facts.js';
import { identityCenterFacts } from './identity-center-facts.js';
import { shareFacts, splitAwsTarget } from './shard-split.js';
import { awsTarget, resolveAwsTargets } from './targets.js';
import type { AwsFacts, AwsTargetOptions } from './types.js';

/** Roles the sandbox assumes into the scenario's other accounts, in order of preference. */
export const SANDBOX_AUDIT_ROLES = ['annexa-readonly', 'annexa-audit', 'OrganizationAccountAccessRole'];

function facts(target: Target<AwsTargetOptions>, store: Parameters<Provider['facts']>[1], runtime: ProviderRuntime): AwsFacts {
  const o = target.options;
  const scope = store.scope({ target: target.id, pool: 'aws', classify, inspect, callTimeoutMs: runtime.callTimeoutMs });
  // One Identity Center, read with the same credentials (aws.identityCenter or the scanner's own) for every
  // account of the run: its facts are memoised once for the run, not once per account.
  const identityCenter = store.scope({ target: IDENTITY_CENTER, pool: 'aws', classify, inspect, callTimeoutMs: runtime.callTimeoutMs });
  const clients = clientsFor(o, { env: runtime.env, callTimeoutMs: runtime.callTimeoutMs });
  return shareFacts(accountFacts(scope, identityCenter, clients, o), target);
}

/** The fact scope of the run's IAM Identity Center (`aws.identityCenter` is one setting for all accounts). */
const IDENTITY_CENTER = 'aws:identity-center';

function accountFacts(scope: FactScope, identityCenter: FactScope, clients: AwsClients, o: AwsTargetOptions): AwsFacts {
  return {
    ...globalFacts(scope, clients, { regions: o.regions }),
    s3: s3Facts(scope, clients, { accountId: o.accountId, partition: o.partition, homeRegion: o.homeRegion }),
    kms: kmsFacts(scope, clients),
    rds: rdsFacts(scope, clients),
    dynamodb: dynamoDbFacts(scope, clients, { accountId: o.accountId, partition: o.partition }),
    backup: backupFacts(scope, clients),
    inspector: inspectorFacts(scope, clients, { accountId: o.accountId }),
    ssm: ssmFacts(scope, clients),
    accessAnalyzer: accessAnalyzerFacts(scope, clients),
    ebs: ebsFacts(scope, clients, { accountId: o.accountId, partition: o.partition }),
    ec2: ec2Facts(scope, clients, { accountId: o.accountId, partition: o.partition }),
    vpc: vpcFacts(scope, clients, { accountId: o.accountId, partition: o.partition }),
    cloudtrail: cloudtrailFacts(scope, clients, { homeRegion: o.homeRegion }),
    config: configFacts(scope, clients),
    guardduty: guarddutyFacts(scope, clients),
    securityhub: securityhubFacts(scope, clients),
    logs: logsFacts(scope, clients),
    identityCenter: identityCenterFacts(identityCenter, clients, o.homeRegion, o.identityCenter),
  };
}

interface ScenarioAccount {
  id: string;
  roles?: { name: string; externalId?: string }[];
}

/** Starts the wire-level emulator and points one target at each scenario account. */
async function sandbox(section: unknown, runtime: ProviderRuntime): Promise<SandboxHandle<AwsTargetOptions>> {
  const { startAwsSandbox } = await import('../../sandbox/aws/index.js');
  const running = await startAwsSandbox(section as Parameters<typeof startAwsSandbox>[0], { log: runtime.log });
  const base = {
    partition: 'aws',
    homeRegion: running.homeRegion,
    sandbox: true,
    endpoints: { ...running.endpoints },
    hosts: { ...running.hosts },
  };
  const accounts = (section as { accounts?: ScenarioAccount[] }).accounts ?? [];
  const [home] = running.accounts;
  if (!home) throw new Error('aws sandbox: the scenario has no account');
  const targets: Target<AwsTargetOptions>[] = [awsTarget({ ...base, accountId: home })];
  for (const account of accounts.slice(1)) {
    const role = SANDBOX_AUDIT_ROLES.map((name) => account.roles?.find((r) => r.name === name)).find(Boolean);
    if (!role) {
      runtime.log.warn({ account: account.id }, `sandbox account has no ${SANDBOX_AUDIT_ROLES.join(' or ')} role to assume: not scanned`);
      continue;
    }
    const roleArn = `arn:aws:iam::${account.id}:role/${role.name}`;
    targets.push(awsTarget({ ...base, accountId: account.id, roleArn, ...(role.externalId ? { externalId: role.externalId } : {}) }));
  }
  return {
    targets,
    endpoints: { ...running.endpoints },
    stats: () => running.stats(),
    stop: () => running.stop(),
  };
}

export const awsProvider: Provider<'aws', AwsTargetOptions, AwsSection> = {
  id: 'aws',
  title: 'AWS',
  resolveTargets: (section, runtime) => resolveAwsTargets(section ?? {}, runtime),
  facts,
  async identity(awsFacts, target) {
    const caller = await awsFacts.sts.callerIdentity();
    return { provider: 'aws', target: target.id, principal: caller.arn, details: { account: caller.account, userId: caller.userId } };
  },
  sandbox,
  split: (target, shard, store, runtime) => splitAwsTarget(target, shard, facts(target, store, runtime)),
};
