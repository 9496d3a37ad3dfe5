import type { CredentialReport, CredentialReportUser } from './types.js';

/**
 * Small helpers that AWS checks share: finding rows in the credential report,
 * building ARNs from the target, measuring ages against the run's clock.
 */

export function rootRow(report: CredentialReport): CredentialReportUser | undefined {
  return report.users.find((u) => u.isRoot);
}

export function iamUsers(report: CredentialReport): CredentialReportUser[] {
  return report.users.filter((u) => !u.isRoot);
}

/** The target resource is `arn:<partition>:::<account>`; the root user is `arn:<partition>:iam::<account>:root`. */
export function rootArn(targetResource: string): string {
  const [, partition = 'aws', , , account = ''] = targetResource.split(':');
  return `arn:${partition}:iam::${account}:root`;
}

const DAY_MS = 86_400_000;

/** Whole days from `iso` to `now`; `null` when there is no date. */
export function daysSince(iso: string | null | undefined, now: Date): number | null {
  if (!iso) return null;
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return null;
  return Math.floor((now.getTime() - t) / DAY_MS);
}
