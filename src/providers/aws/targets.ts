import type { AwsSection } from '../../config/config.js';
import { UsageError } from '../../core/errors.js';
import type { ProviderRuntime } from '../../core/provider.js';
import type { Target } from '../../core/types.js';
import { baseCredentials, timeLimits } from './clients.js';
import { expectShape } from '../../core/answer-shape.js';
import { answerSchema } from './answers.js';
import { errorCode, isNetworkFailure } from './errors.js';
import type { AwsTargetOptions } from './types.js';
import { sdk } from './sdk.js';

const { ListAccountsCommand, OrganizationsClient } = sdk('@aws-sdk/client-organizations');
const { GetCallerIdentityCommand, STSClient } = sdk('@aws-sdk/client-sts');

/**
 * The resource id of results about an account as a whole: an AWS account has
 * no ARN, so annexa uses the id AWS Security Hub's finding format (ASFF) and
 * AWS Config give it, `AWS::::Account:<12 digits>`.
 */
export const accountResource = (accountId: string) => `AWS::::Account:${accountId}`;

export function awsTarget(options: AwsTargetOptions): Target<AwsTargetOptions> {
  return { provider: 'aws', id: `aws:${options.accountId}`, resource: accountResource(options.accountId), options };
}

/** The account and partition an ARN names: arn:<partition>:<service>:<region>:<account>:… */
export function arnParts(arn: string): { partition: string; accountId: string } {
  const [, partition = 'aws', , , accountId = ''] = arn.split(':');
  return { partition, accountId };
}

export function homeRegionOf(env: NodeJS.ProcessEnv): string {
  return env.AWS_REGION || env.AWS_DEFAULT_REGION || 'us-east-1';
}

/** Why GetCallerIdentity failed: an endpoint that did not answer is not a credential problem. */
function credentialFailure(err: unknown, profile?: string): UsageError {
  const code = errorCode(err) ?? 'Error';
  if (isNetworkFailure(err)) return new UsageError(`AWS: cannot reach STS to identify the caller (${code}: ${(err as Error).message})`);
  const where = profile ? `profile "${profile}"` : 'the default credential chain';
  return new UsageError(`AWS: no usable credentials from ${where} (${code}: ${(err as Error).message})`);
}

/**
 * One target per account: the caller's own account, or each account named
 * by role ARN, or each active account of the organisation. Credentials are
 * resolved here only to learn account ids; they never enter a target.
 */
export async function resolveAwsTargets(section: AwsSection, runtime: ProviderRuntime): Promise<Target<AwsTargetOptions>[]> {
  const homeRegion = homeRegionOf(runtime.env);
  const shared = {
    homeRegion,
    ...(section.regions?.length ? { regions: section.regions } : {}),
    ...(section.profile ? { profile: section.profile } : {}),
    ...(section.identityCenter ? { identityCenter: section.identityCenter } : {}),
  };
  const credentials = baseCredentials(shared);
  const clientConfig = {
    region: homeRegion,
    credentials,
    retryMode: 'adaptive',
    maxAttempts: 5,
    requestHandler: timeLimits(runtime.callTimeoutMs),
  };

  let caller: { account: string; arn: string };
  try {
    const id = await new STSClient(clientConfig).send(new GetCallerIdentityCommand({}));
    expectShape('sts:GetCallerIdentity', answerSchema('sts:GetCallerIdentityCommand'), id);
    caller = { account: id.Account!, arn: id.Arn! };
  } catch (err) {
    throw credentialFailure(err, section.profile);
  }
  const { partition } = arnParts(caller.arn);

  const roles = [...(section.accounts ?? [])];
  let own = false;
  if (section.organization) {
    const { roleName, externalId } = section.organization;
    const org = new OrganizationsClient(clientConfig);
    let NextToken: string | undefined;
    try {
      do {
        const page = await org.send(new ListAccountsCommand({ NextToken }));
        expectShape('organizations:ListAccounts', answerSchema('organizations:ListAccountsCommand'), page);
        for (const a of page.Accounts!) {
          if (!a.Id || (a.State ?? a.Status) !== 'ACTIVE' || roles.some((r) => arnParts(r.roleArn).accountId === a.Id)) continue;
          // The caller's own account is scanned with the caller's credentials: the role that Organizations
          // creates in member accounts does not exist in the management account.
          if (a.Id === caller.account) own = true;
          else roles.push({ roleArn: `arn:${partition}:iam::${a.Id}:role/${roleName}`, ...(externalId ? { externalId } : {}) });
        }
        NextToken = page.NextToken;
      } while (NextToken);
    } catch (err) {
      throw new UsageError(
        `AWS: could not list the organisation's accounts (organizations:ListAccounts): ${errorCode(err) ?? ''} ${(err as Error).message}`,
      );
    }
  }
  const ownTarget = awsTarget({ ...shared, accountId: caller.account, partition });
  if (roles.length === 0) return [ownTarget];

  const byAccount = new Map<string, Target<AwsTargetOptions>>(own ? [[caller.account, ownTarget]] : []);
  for (const role of roles) {
    const parts = arnParts(role.roleArn);
    if (byAccount.has(parts.accountId)) continue;
    byAccount.set(
      parts.accountId,
      awsTarget({
        ...shared,
        ...parts,
        roleArn: role.roleArn,
        ...(role.externalId ? { externalId: role.externalId } : {}),
        ...(role.sessionName ? { sessionName: role.sessionName } : {}),
      }),
    );
  }
  return [...byAccount.values()];
}
