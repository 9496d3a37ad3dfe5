import type { AttachedPolicy as SdkAttachedPolicy, PolicyDetail } from '@aws-sdk/client-iam';
import { FactError, type CallRecorder, type FactScope } from '../../core/facts.js';
import { send } from './actions.js';
import type { AwsClients } from './clients.js';
import { parseCredentialReport } from './credential-report.js';
import { isCode } from './errors.js';
import { parsePolicyDocument } from './policy.js';
import type { AttachedPolicy, AuthorizationDetails, AwsFacts, InlinePolicy, VirtualMfaDevice } from './types.js';
import { sdk } from './sdk.js';

const {
  GenerateCredentialReportCommand,
  GetAccountAuthorizationDetailsCommand,
  GetAccountPasswordPolicyCommand,
  GetAccountSummaryCommand,
  GetCredentialReportCommand,
  ListVirtualMFADevicesCommand,
} = sdk('@aws-sdk/client-iam');
const { GetCallerIdentityCommand } = sdk('@aws-sdk/client-sts');
const { DescribeRegionsCommand } = sdk('@aws-sdk/client-ec2');

export interface GlobalFactOptions {
  /** Regions named in the config; when absent, every enabled region. */
  regions?: string[];
  /** Pause between credential report polls (ms). */
  reportPollMs?: number;
  /** Polls before giving up on a report that is still being generated. */
  reportPolls?: number;
}

/** The report is still being generated: IAM's code, and the name the SDK gives it. */
const REPORT_IN_PROGRESS = ['ReportInProgress', 'CredentialReportNotReadyException'];
/** There is no report (any more): generate one. */
const REPORT_GONE = ['ReportExpired', 'ReportNotPresent', 'CredentialReportExpiredException', 'CredentialReportNotPresentException'];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Follows `IsTruncated`/`Marker` to the end: one logged call per page. */
export async function allPages<P extends { IsTruncated?: boolean; Marker?: string }>(fetch: (marker?: string) => Promise<P>): Promise<P[]> {
  const pages: P[] = [];
  let marker: string | undefined;
  do {
    const page = await fetch(marker);
    pages.push(page);
    marker = page.IsTruncated ? page.Marker : undefined;
  } while (marker);
  return pages;
}

/**
 * Generate, poll, read: GenerateCredentialReport starts a report (or says it
 * is COMPLETE), GetCredentialReport answers ReportInProgress until it is.
 */
async function credentialReport(rec: CallRecorder, clients: AwsClients, options: GlobalFactOptions) {
  const iam = clients.iam();
  const generate = async () => (await send(rec, 'iam', new GenerateCredentialReportCommand({}), (c, o) => iam.send(c, o))).State;
  const polls = options.reportPolls ?? 30;
  let state = await generate();
  for (let attempt = 0; attempt < polls; attempt++) {
    if (state !== 'COMPLETE') await sleep(Math.min(options.reportPollMs ?? 2000, 250 * 2 ** attempt));
    try {
      const report = await send(rec, 'iam', new GetCredentialReportCommand({}), (c, o) => iam.send(c, o));
      const csv = Buffer.from(report.Content!).toString('utf8');
      return { generatedTime: report.GeneratedTime?.toISOString() ?? null, users: parseCredentialReport(csv) };
    } catch (err) {
      if (isCode(err, ...REPORT_IN_PROGRESS)) state = 'INPROGRESS';
      else if (isCode(err, ...REPORT_GONE)) state = await generate();
      else throw err;
    }
  }
  throw new Error(`credential report not ready after ${polls} polls`);
}

const attached = (list: SdkAttachedPolicy[] | undefined): AttachedPolicy[] =>
  (list ?? []).map((p) => ({ name: p.PolicyName ?? '', arn: p.PolicyArn ?? '' }));
const inline = (list: PolicyDetail[] | undefined): InlinePolicy[] =>
  (list ?? []).map((p) => ({
    name: p.PolicyName ?? '',
    document: parsePolicyDocument(p.PolicyDocument ?? missingDocument(`inline policy ${p.PolicyName}`)),
  }));

/**
 * A policy whose text the answer left out cannot be judged: read as empty it
 * would look least-privileged, so the whole answer is refused instead.
 */
function missingDocument(what: string): never {
  throw new FactError({ kind: 'malformed', message: `GetAccountAuthorizationDetails returned no document for ${what}` });
}

/** A user, group or role as the checks read it: ANSWERS guarantees its ARN and attached-policy list. */
function principal(
  name: string,
  p: { Arn?: string; Path?: string; AttachedManagedPolicies?: SdkAttachedPolicy[] },
  policies: PolicyDetail[] | undefined,
) {
  return {
    name,
    arn: p.Arn!,
    path: p.Path ?? '/',
    attachedPolicies: attached(p.AttachedManagedPolicies),
    inlinePolicies: inline(policies),
  };
}

async function authorizationDetails(rec: CallRecorder, clients: AwsClients): Promise<AuthorizationDetails> {
  const iam = clients.iam();
  // AWS-managed policies are left out: they are many, and known by ARN (AdministratorAccess).
  const pages = await allPages((Marker) =>
    send(
      rec,
      'iam',
      new GetAccountAuthorizationDetailsCommand({ Filter: ['User', 'Group', 'Role', 'LocalManagedPolicy'], MaxItems: 1000, Marker }),
      (c, o) => iam.send(c, o),
    ),
  );
  const out: AuthorizationDetails = { users: [], groups: [], roles: [], policies: [] };
  // ANSWERS guarantees the four lists and each entry's name and ARN.
  for (const page of pages) {
    for (const u of page.UserDetailList!) out.users.push({ ...principal(u.UserName!, u, u.UserPolicyList), groups: u.GroupList! });
    for (const g of page.GroupDetailList!) out.groups.push(principal(g.GroupName!, g, g.GroupPolicyList));
    for (const r of page.RoleDetailList!) out.roles.push(principal(r.RoleName!, r, r.RolePolicyList));
    for (const p of page.Policies!) {
      const current =
        p.PolicyVersionList!.find((v) => v.IsDefaultVersion) ?? p.PolicyVersionList!.find((v) => v.VersionId === p.DefaultVersionId);
      out.policies.push({
        name: p.PolicyName!,
        arn: p.Arn!,
        attachmentCount: p.AttachmentCount ?? 0,
        defaultVersionId: p.DefaultVersionId!,
        document: parsePolicyDocument(current?.Document ?? missingDocument(`the default version of ${p.Arn}`)),
      });
    }
  }
  return out;
}

async function virtualMfaDevices(rec: CallRecorder, clients: AwsClients): Promise<VirtualMfaDevice[]> {
  const iam = clients.iam();
  const pages = await allPages((Marker) =>
    send(rec, 'iam', new ListVirtualMFADevicesCommand({ AssignmentStatus: 'Assigned', MaxItems: 1000, Marker }), (c, o) => iam.send(c, o)),
  );
  return pages.flatMap((p) => p.VirtualMFADevices!.map((d) => ({ serialNumber: d.SerialNumber!, userArn: d.User?.Arn ?? null })));
}

/** STS, IAM and the region list: the account-wide facts. */
export function globalFacts(scope: FactScope, clients: AwsClients, options: GlobalFactOptions): Pick<AwsFacts, 'sts' | 'iam' | 'regions'> {
  return {
    sts: {
      callerIdentity: () =>
        scope.fact('aws.sts.callerIdentity', async (rec) => {
          const id = await send(rec, 'sts', new GetCallerIdentityCommand({}), (c, o) => clients.sts().send(c, o));
          return { account: id.Account!, arn: id.Arn!, userId: id.UserId! };
        }),
    },
    iam: {
      accountSummary: () =>
        scope.fact(
          'aws.iam.accountSummary',
          async (rec) => (await send(rec, 'iam', new GetAccountSummaryCommand({}), (c, o) => clients.iam().send(c, o))).SummaryMap!,
        ),
      credentialReport: () => scope.fact('aws.iam.credentialReport', (rec) => credentialReport(rec, clients, options)),
      passwordPolicy: () =>
        scope.fact('aws.iam.passwordPolicy', async (rec) => {
          try {
            return (await send(rec, 'iam', new GetAccountPasswordPolicyCommand({}), (c, o) => clients.iam().send(c, o))).PasswordPolicy!;
          } catch (err) {
            if (isCode(err, 'NoSuchEntity', 'NoSuchEntityException')) return null;
            throw err;
          }
        }),
      authorizationDetails: () => scope.fact('aws.iam.authorizationDetails', (rec) => authorizationDetails(rec, clients)),
      virtualMfaDevices: () => scope.fact('aws.iam.virtualMfaDevices', (rec) => virtualMfaDevices(rec, clients)),
    },
    regions: () =>
      scope.fact('aws.regions', async (rec) => {
        if (options.regions?.length) return [...options.regions].sort();
        // Without AllRegions, DescribeRegions answers only the regions enabled for the account.
        const answer = await send(rec, 'ec2', new DescribeRegionsCommand({}), (c, o) => clients.ec2().send(c, o));
        return answer.Regions!.map((r) => r.RegionName!).sort();
      }),
  };
}
