import { attemptTimeoutMs } from '../../core/attempts.js';
import http from 'node:http';
import https from 'node:https';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@aws-sdk/types';
import type { AwsService, AwsTargetOptions } from './types.js';
import { refuseEmptyBodies } from './answers.js';
import { LOOPBACK_NAMES, lookupFrom } from './host-lookup.js';
import { sdk } from './sdk.js';

const { AccessAnalyzerClient } = sdk('@aws-sdk/client-accessanalyzer');
const { BackupClient } = sdk('@aws-sdk/client-backup');
const { DynamoDBClient } = sdk('@aws-sdk/client-dynamodb');
const { EC2Client } = sdk('@aws-sdk/client-ec2');
const { Inspector2Client } = sdk('@aws-sdk/client-inspector2');
const { CloudTrailClient } = sdk('@aws-sdk/client-cloudtrail');
const { CloudWatchLogsClient } = sdk('@aws-sdk/client-cloudwatch-logs');
const { ConfigServiceClient } = sdk('@aws-sdk/client-config-service');
const { GuardDutyClient } = sdk('@aws-sdk/client-guardduty');
const { IAMClient } = sdk('@aws-sdk/client-iam');
const { KMSClient } = sdk('@aws-sdk/client-kms');
const { OrganizationsClient } = sdk('@aws-sdk/client-organizations');
const { RDSClient } = sdk('@aws-sdk/client-rds');
const { S3Client } = sdk('@aws-sdk/client-s3');
const { S3ControlClient } = sdk('@aws-sdk/client-s3-control');
const { SSMClient } = sdk('@aws-sdk/client-ssm');
const { SSOAdminClient } = sdk('@aws-sdk/client-sso-admin');
const { IdentitystoreClient } = sdk('@aws-sdk/client-identitystore');
const { SecurityHubClient } = sdk('@aws-sdk/client-securityhub');
const { STSClient } = sdk('@aws-sdk/client-sts');
const { fromNodeProviderChain, fromTemporaryCredentials } = sdk('@aws-sdk/credential-providers');
// the clients' instance types, under the names the SDK gives them
type AccessAnalyzerClient = InstanceType<typeof AccessAnalyzerClient>;
type BackupClient = InstanceType<typeof BackupClient>;
type DynamoDBClient = InstanceType<typeof DynamoDBClient>;
type EC2Client = InstanceType<typeof EC2Client>;
type Inspector2Client = InstanceType<typeof Inspector2Client>;
type CloudTrailClient = InstanceType<typeof CloudTrailClient>;
type CloudWatchLogsClient = InstanceType<typeof CloudWatchLogsClient>;
type ConfigServiceClient = InstanceType<typeof ConfigServiceClient>;
type GuardDutyClient = InstanceType<typeof GuardDutyClient>;
type IAMClient = InstanceType<typeof IAMClient>;
type KMSClient = InstanceType<typeof KMSClient>;
type OrganizationsClient = InstanceType<typeof OrganizationsClient>;
type RDSClient = InstanceType<typeof RDSClient>;
type S3Client = InstanceType<typeof S3Client>;
type S3ControlClient = InstanceType<typeof S3ControlClient>;
type SSMClient = InstanceType<typeof SSMClient>;
type SSOAdminClient = InstanceType<typeof SSOAdminClient>;
type IdentitystoreClient = InstanceType<typeof IdentitystoreClient>;
type SecurityHubClient = InstanceType<typeof SecurityHubClient>;
type STSClient = InstanceType<typeof STSClient>;

/**
 * The sandbox emulator accepts any signature; these fixed values are fixture
 * data, not secrets, and are only ever used against loopback endpoints.
 */
const SANDBOX_CREDENTIALS: AwsCredentialIdentity = { accessKeyId: 'AKIASANDBOXANNEXA000', secretAccessKey: 'sandbox-not-a-secret' };

export interface ClientSettings {
  env: NodeJS.ProcessEnv;
  callTimeoutMs: number;
}

export interface AwsClients {
  iam(): IAMClient;
  sts(): STSClient;
  /** The home region's when none is named (DescribeRegions). */
  ec2(region?: string): EC2Client;
  organizations(): OrganizationsClient;
  s3(region: string): S3Client;
  s3control(): S3ControlClient;
  kms(region: string): KMSClient;
  rds(region: string): RDSClient;
  dynamodb(region: string): DynamoDBClient;
  backup(region: string): BackupClient;
  inspector2(region: string): Inspector2Client;
  ssm(region: string): SSMClient;
  accessanalyzer(region: string): AccessAnalyzerClient;
  cloudtrail(region: string): CloudTrailClient;
  config(region: string): ConfigServiceClient;
  guardduty(region: string): GuardDutyClient;
  securityhub(region: string): SecurityHubClient;
  logs(region: string): CloudWatchLogsClient;
  /** Identity Center's clients use the credentials that can read it (see identity-center-facts.ts), not the scanned account's role. */
  ssoAdmin(region: string): SSOAdminClient;
  identitystore(region: string): IdentitystoreClient;
}

/** A client whose empty 2xx answers are refused before the SDK reads them as `{}`. */
function guarded<T extends Parameters<typeof refuseEmptyBodies>[0]>(client: T, service: AwsService): T {
  refuseEmptyBodies(client, service);
  return client;
}

/** Each attempt's share of the call time limit; without throwOnRequestTimeout the SDK only warns when it is exceeded. */
export function timeLimits(callTimeoutMs: number) {
  const ms = attemptTimeoutMs(callTimeoutMs);
  return { requestTimeout: ms, connectionTimeout: ms, throwOnRequestTimeout: true };
}

/** Credentials of the scanner itself: the SDK's default chain (or a profile), or the sandbox's fixed ones. */
export function baseCredentials(options: Pick<AwsTargetOptions, 'profile' | 'sandbox'>): AwsCredentialIdentityProvider {
  if (options.sandbox) return async () => SANDBOX_CREDENTIALS;
  return fromNodeProviderChain(options.profile ? { profile: options.profile } : {});
}

/** A custom S3 endpoint (ours or the user's AWS_ENDPOINT_URL[_S3]) rarely serves virtual-hosted buckets. */
function customS3Endpoint(options: AwsTargetOptions, env: NodeJS.ProcessEnv): boolean {
  return Boolean(options.endpoints?.s3 ?? env.AWS_ENDPOINT_URL_S3 ?? env.AWS_ENDPOINT_URL);
}

/**
 * S3 Control prefixes the account id to the endpoint host, which makes an IP
 * endpoint (an emulator on 127.0.0.1) an invalid URL: use the loopback name
 * instead, and resolve `<account>.localhost` to loopback (RFC 6761).
 */
export function s3ControlEndpoint(
  options: AwsTargetOptions,
  env: NodeJS.ProcessEnv,
): { endpoint?: string; hosts?: Readonly<Record<string, string>> } {
  const configured = options.endpoints?.s3control ?? env.AWS_ENDPOINT_URL_S3_CONTROL ?? env.AWS_ENDPOINT_URL;
  if (!configured) return {};
  const url = new URL(configured);
  if (url.hostname === 'localhost') return { endpoint: configured, hosts: options.hosts ?? LOOPBACK_NAMES };
  if (url.hostname !== '127.0.0.1' && url.hostname !== '[::1]') return { endpoint: configured, hosts: options.hosts };
  url.hostname = 'localhost';
  return { endpoint: url.toString().replace(/\/$/, ''), hosts: options.hosts ?? LOOPBACK_NAMES };
}

/** Renewed this long before they expire, as the SDK does for a client's own credentials. */
const RENEW_BEFORE_MS = 5 * 60_000;

/**
 * One set of assumed-role credentials for every client of a target: the SDK
 * memoises credentials per client, so without this each service and region
 * would call AssumeRole on its own. A failed attempt is not kept.
 */
export function sharedAcrossClients(provider: AwsCredentialIdentityProvider): AwsCredentialIdentityProvider {
  let current: Promise<AwsCredentialIdentity> | undefined;
  const renew = () =>
    (current = provider().catch((err: unknown) => {
      current = undefined;
      throw err;
    }));
  return async () => {
    const pending = current ?? renew();
    const identity = await pending;
    const expires = identity.expiration?.getTime();
    if (expires === undefined || expires - Date.now() >= RENEW_BEFORE_MS) return identity;
    // Clients that found the same credentials stale together wait for one renewal, not one each.
    return current !== undefined && current !== pending ? current : renew();
  };
}

/**
 * SDK clients for one target, created on first use and kept per region. The
 * SDK resolves endpoints itself (AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_<SERVICE>)
 * unless the target names one (the sandbox does).
 */
export function clientsFor(options: AwsTargetOptions, settings: ClientSettings): AwsClients {
  const base = baseCredentials(options);
  const common = (service: AwsService, region: string) => ({
    region,
    retryMode: 'adaptive',
    maxAttempts: 5,
    requestHandler: timeLimits(settings.callTimeoutMs),
    ...(options.endpoints?.[service] ? { endpoint: options.endpoints[service] } : {}),
  });
  const assumed = (role: { roleArn?: string; externalId?: string; sessionName?: string }) =>
    role.roleArn
      ? sharedAcrossClients(
          fromTemporaryCredentials({
            masterCredentials: base,
            params: {
              RoleArn: role.roleArn,
              RoleSessionName: role.sessionName ?? 'annexa',
              ...(role.externalId ? { ExternalId: role.externalId } : {}),
            },
            clientConfig: common('sts', options.homeRegion),
          }),
        )
      : base;
  const credentials = assumed(options);
  let identityCenterCredentials: AwsCredentialIdentityProvider | undefined;
  const icCredentials = () => (identityCenterCredentials ??= assumed(options.identityCenter ?? {}));
  const cache = new Map<string, unknown>();
  const once = <T>(key: string, make: () => T): T => {
    if (!cache.has(key)) cache.set(key, make());
    return cache.get(key) as T;
  };
  const home = options.homeRegion;
  return {
    iam: () => once('iam', () => guarded(new IAMClient({ ...common('iam', home), credentials }), 'iam')),
    sts: () => once('sts', () => guarded(new STSClient({ ...common('sts', home), credentials }), 'sts')),
    ec2: (region = home) => once(`ec2:${region}`, () => guarded(new EC2Client({ ...common('ec2', region), credentials }), 'ec2')),
    organizations: () =>
      once('org', () => guarded(new OrganizationsClient({ ...common('organizations', home), credentials }), 'organizations')),
    s3: (region) =>
      once(`s3:${region}`, () =>
        guarded(
          new S3Client({
            ...common('s3', region),
            credentials,
            forcePathStyle: customS3Endpoint(options, settings.env),
            // Redirects are followed by the source itself, so that each bucket's region is on record.
            followRegionRedirects: false,
          }),
          's3',
        ),
      ),
    // S3 Control puts the account id in front of the endpoint host; for a custom endpoint on
    // `localhost` that is `<account>.localhost`, which the target's `hosts` (the sandbox's) resolve.
    s3control: () =>
      once('s3control', () => {
        const config = common('s3control', home);
        const { endpoint, hosts } = s3ControlEndpoint(options, settings.env);
        const lookup = hosts ? lookupFrom(hosts) : undefined;
        const agents = lookup
          ? { httpAgent: new http.Agent({ keepAlive: true, lookup }), httpsAgent: new https.Agent({ keepAlive: true, lookup }) }
          : {};
        return guarded(
          new S3ControlClient({
            ...config,
            ...(endpoint ? { endpoint } : {}),
            requestHandler: { ...config.requestHandler, ...agents },
            credentials,
          }),
          's3control',
        );
      }),
    kms: (region) => once(`kms:${region}`, () => guarded(new KMSClient({ ...common('kms', region), credentials }), 'kms')),
    rds: (region) => once(`rds:${region}`, () => guarded(new RDSClient({ ...common('rds', region), credentials }), 'rds')),
    dynamodb: (region) =>
      once(`dynamodb:${region}`, () => guarded(new DynamoDBClient({ ...common('dynamodb', region), credentials }), 'dynamodb')),
    backup: (region) => once(`backup:${region}`, () => guarded(new BackupClient({ ...common('backup', region), credentials }), 'backup')),
    inspector2: (region) =>
      once(`inspector2:${region}`, () => guarded(new Inspector2Client({ ...common('inspector2', region), credentials }), 'inspector2')),
    ssm: (region) => once(`ssm:${region}`, () => guarded(new SSMClient({ ...common('ssm', region), credentials }), 'ssm')),
    accessanalyzer: (region) =>
      once(`accessanalyzer:${region}`, () =>
        guarded(new AccessAnalyzerClient({ ...common('accessanalyzer', region), credentials }), 'accessanalyzer'),
      ),
    cloudtrail: (region) =>
      once(`cloudtrail:${region}`, () => guarded(new CloudTrailClient({ ...common('cloudtrail', region), credentials }), 'cloudtrail')),
    config: (region) =>
      once(`config:${region}`, () => guarded(new ConfigServiceClient({ ...common('config', region), credentials }), 'config')),
    guardduty: (region) =>
      once(`guardduty:${region}`, () => guarded(new GuardDutyClient({ ...common('guardduty', region), credentials }), 'guardduty')),
    securityhub: (region) =>
      once(`securityhub:${region}`, () => guarded(new SecurityHubClient({ ...common('securityhub', region), credentials }), 'securityhub')),
    logs: (region) => once(`logs:${region}`, () => guarded(new CloudWatchLogsClient({ ...common('logs', region), credentials }), 'logs')),
    ssoAdmin: (region) =>
      once(`sso-admin:${region}`, () =>
        guarded(new SSOAdminClient({ ...common('sso-admin', region), credentials: icCredentials() }), 'sso-admin'),
      ),
    identitystore: (region) =>
      once(`identitystore:${region}`, () =>
        guarded(new IdentitystoreClient({ ...common('identitystore', region), credentials: icCredentials() }), 'identitystore'),
      ),
  };
}
