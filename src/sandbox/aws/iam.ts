import { AwsError } from './errors.js';
import { accountSummary, credentialReportCsv } from './iam-account.js';
import { IAM_LISTS } from './iam-lists.js';
import { params, queryAnswer, queryError, queryOperation } from './query.js';
import type { CallContext, ServiceHandler } from './server.js';
import { list, type XmlObject } from './xml.js';

export const IAM_NS = 'https://iam.amazonaws.com/doc/2010-05-08/';

export type IamOperation = (p: URLSearchParams, ctx: CallContext, op: string) => XmlObject | undefined;

/**
 * The credential report of each account: when it was generated (IAM keeps
 * one, for four hours) and how many reads still answer ReportInProgress
 * (`faults.reportInProgress`), so that a reader's polling is exercised.
 */
function reportOps(inProgressReads: number): Record<string, IamOperation> {
  const reports = new WeakMap<object, { generated: Date; pending: number }>();
  return {
    GenerateCredentialReport: (_p, ctx) => {
      const existing = reports.get(ctx.caller.account);
      if (existing) return { State: existing.pending > 0 ? 'INPROGRESS' : 'COMPLETE' };
      reports.set(ctx.caller.account, { generated: new Date(), pending: inProgressReads });
      return { State: 'STARTED', Description: 'No report exists. Starting a new report generation task' };
    },
    GetCredentialReport: (_p, ctx) => {
      const report = reports.get(ctx.caller.account);
      if (!report)
        throw new AwsError('ReportNotPresent', 'Credential report not present. Use GenerateCredentialReport to generate a report.', 410);
      if (report.pending > 0) {
        report.pending -= 1;
        throw new AwsError('ReportInProgress', 'Credential report is being generated.', 404);
      }
      return {
        Content: Buffer.from(credentialReportCsv(ctx.caller.account)).toString('base64'),
        ReportFormat: 'text/csv',
        GeneratedTime: report.generated,
      };
    },
  };
}

const ACCOUNT_OPS: Record<string, IamOperation> = {
  GetAccountSummary: (_p, ctx) => ({
    SummaryMap: list(
      Object.entries(accountSummary(ctx.caller.account)).map(([key, value]) => ({ key, value })),
      'entry',
    ),
  }),
  GetAccountPasswordPolicy: (_p, ctx) => {
    const pp = ctx.caller.account.passwordPolicy;
    if (!pp) throw new AwsError('NoSuchEntity', `The Password Policy with domain name ${ctx.caller.account.id} cannot be found.`, 404);
    return {
      PasswordPolicy: {
        MinimumPasswordLength: pp.minimumLength ?? 8,
        RequireSymbols: pp.requireSymbols ?? false,
        RequireNumbers: pp.requireNumbers ?? false,
        RequireUppercaseCharacters: pp.requireUppercase ?? false,
        RequireLowercaseCharacters: pp.requireLowercase ?? false,
        AllowUsersToChangePassword: pp.allowUsersToChange ?? false,
        ExpirePasswords: pp.maxAgeDays !== undefined,
        MaxPasswordAge: pp.maxAgeDays,
        PasswordReusePrevention: pp.reusePrevention,
        HardExpiry: pp.hardExpiry,
      },
    };
  },
  ListAccountAliases: (_p, ctx) => ({ AccountAliases: ctx.caller.account.alias ? [ctx.caller.account.alias] : [], IsTruncated: false }),
};

/** IAM (Query protocol, XML). Every IAM action has the operation's name, so `iam:<Operation>` is what a denial names. */
export function iamService(options: { reportInProgress?: number } = {}): ServiceHandler {
  const ops: Record<string, IamOperation> = { ...ACCOUNT_OPS, ...reportOps(options.reportInProgress ?? 0), ...IAM_LISTS };
  return {
    service: 'iam',
    operation: queryOperation,
    renderError: (err, req) => queryError(IAM_NS, err, req),
    handle(op, req, ctx) {
      const fn = ops[op];
      if (!fn) throw new AwsError('InvalidAction', `Could not find operation ${op} for version 2010-05-08`);
      const p = params(req);
      ctx.authorize(`iam:${op}`, resourceOf(p, ctx));
      return queryAnswer(IAM_NS, op, req, fn(p, ctx, op));
    },
  };
}

/** The ARN a call acts on, for resource-scoped denials. */
function resourceOf(p: URLSearchParams, ctx: CallContext): string {
  const id = ctx.caller.account.id;
  if (p.has('PolicyArn')) return p.get('PolicyArn')!;
  if (p.has('UserName')) return `arn:aws:iam::${id}:user/${p.get('UserName')}`;
  if (p.has('GroupName')) return `arn:aws:iam::${id}:group/${p.get('GroupName')}`;
  if (p.has('RoleName')) return `arn:aws:iam::${id}:role/${p.get('RoleName')}`;
  return '*';
}
