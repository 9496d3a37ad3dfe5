import http from 'node:http';
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { ConfigServiceClient } from '@aws-sdk/client-config-service';
import { EC2Client } from '@aws-sdk/client-ec2';
import { GuardDutyClient } from '@aws-sdk/client-guardduty';
import { IAMClient } from '@aws-sdk/client-iam';
import { KMSClient } from '@aws-sdk/client-kms';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { S3Client } from '@aws-sdk/client-s3';
import { S3ControlClient } from '@aws-sdk/client-s3-control';
import { SecurityHubClient } from '@aws-sdk/client-securityhub';
import { STSClient } from '@aws-sdk/client-sts';
import type { AwsSandbox } from '../../../src/sandbox/aws/index.js';
import { loopbackLookup } from '../../../src/sandbox/aws/loopback.js';

/**
 * Real @aws-sdk v3 clients pointed at a running sandbox, for the emulator's
 * own tests: static fake credentials, one explicit endpoint per client,
 * path-style S3, no retries (so that an injected fault shows).
 */

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export const FAKE_CREDENTIALS: Credentials = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
};

export function clientsFor(sandbox: AwsSandbox, region = sandbox.homeRegion, credentials: Credentials = FAKE_CREDENTIALS) {
  const common = { region, credentials, maxAttempts: 1 };
  return {
    sts: new STSClient({ ...common, endpoint: sandbox.endpoints.sts }),
    iam: new IAMClient({ ...common, endpoint: sandbox.endpoints.iam }),
    s3: new S3Client({ ...common, endpoint: sandbox.endpoints.s3, forcePathStyle: true }),
    s3control: new S3ControlClient({
      ...common,
      endpoint: sandbox.endpoints.s3control,
      // The SDK builds its Node handler from these options; the agent resolves `<account>.localhost`.
      requestHandler: { httpAgent: new http.Agent({ lookup: loopbackLookup }) },
    }),
    kms: new KMSClient({ ...common, endpoint: sandbox.endpoints.kms }),
    ec2: new EC2Client({ ...common, endpoint: sandbox.endpoints.ec2 }),
    organizations: new OrganizationsClient({ ...common, endpoint: sandbox.endpoints.organizations }),
    cloudtrail: new CloudTrailClient({ ...common, endpoint: sandbox.endpoints.cloudtrail }),
    config: new ConfigServiceClient({ ...common, endpoint: sandbox.endpoints.config }),
    guardduty: new GuardDutyClient({ ...common, endpoint: sandbox.endpoints.guardduty }),
    securityhub: new SecurityHubClient({ ...common, endpoint: sandbox.endpoints.securityhub }),
    logs: new CloudWatchLogsClient({ ...common, endpoint: sandbox.endpoints.logs }),
  };
}

/** The rejection of a promise (fails when it resolves). */
export async function rejection(
  p: Promise<unknown>,
): Promise<Error & { name: string; $metadata: { httpStatusCode?: number; requestId?: string }; [k: string]: unknown }> {
  try {
    await p;
  } catch (err) {
    return err as never;
  }
  throw new Error('expected the call to fail');
}
