import {
  DescribeKeyCommand,
  GetKeyPolicyCommand,
  GetKeyRotationStatusCommand,
  ListAliasesCommand,
  ListKeyPoliciesCommand,
  ListKeysCommand,
  paginateListKeys,
} from '@aws-sdk/client-kms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScenario } from '../scenario.js';
import { startAwsSandbox, type AwsSandbox, type AwsScenario } from './index.js';
import { clientsFor, rejection } from '../../../test/support/aws/sandbox.js';

const acme = loadScenario('acme').aws as AwsScenario;
const ACCOUNT = '418295730612';

describe('aws sandbox: KMS over the real SDK', () => {
  let sandbox: AwsSandbox;
  let us: ReturnType<typeof clientsFor>['kms'];
  let eu: ReturnType<typeof clientsFor>['kms'];
  const byAlias = async (alias: string, client = us) => (await client.send(new DescribeKeyCommand({ KeyId: alias }))).KeyMetadata!;
  beforeAll(async () => {
    sandbox = await startAwsSandbox(acme);
    us = clientsFor(sandbox, 'us-east-1').kms;
    eu = clientsFor(sandbox, 'eu-west-1').kms;
  });
  afterAll(() => sandbox.stop());

  it("ListKeys answers the keys of the request's region, with Truncated/NextMarker pagination", async () => {
    const all = await us.send(new ListKeysCommand({}));
    expect(all.Keys).toHaveLength(6);
    expect(all.Truncated).toBe(false);
    expect(all.Keys?.[0]?.KeyArn).toMatch(new RegExp(`^arn:aws:kms:us-east-1:${ACCOUNT}:key/[0-9a-f-]{36}$`));
    expect((await eu.send(new ListKeysCommand({}))).Keys).toHaveLength(3);
    const first = await us.send(new ListKeysCommand({ Limit: 4 }));
    expect([first.Keys?.length, first.Truncated, typeof first.NextMarker]).toEqual([4, true, 'string']);
    const ids: string[] = [];
    for await (const page of paginateListKeys({ client: us, pageSize: 4 }, {})) ids.push(...page.Keys!.map((k) => k.KeyId!));
    expect(ids).toEqual(all.Keys!.map((k) => k.KeyId));
  });

  it('ListAliases, all or for one key', async () => {
    const all = (await us.send(new ListAliasesCommand({}))).Aliases!;
    expect(all.map((a) => a.AliasName)).toContain('alias/aws/s3');
    const data = all.find((a) => a.AliasName === 'alias/acme-prod-data')!;
    expect(data.AliasArn).toBe(`arn:aws:kms:us-east-1:${ACCOUNT}:alias/acme-prod-data`);
    const one = await us.send(new ListAliasesCommand({ KeyId: data.TargetKeyId }));
    expect(one.Aliases?.map((a) => a.AliasName)).toEqual(['alias/acme-prod-data']);
  });

  it('DescribeKey by alias, id or ARN: manager, spec, usage, state, origin', async () => {
    const data = await byAlias('alias/acme-prod-data');
    expect(data).toMatchObject({
      AWSAccountId: ACCOUNT,
      KeyManager: 'CUSTOMER',
      KeySpec: 'SYMMETRIC_DEFAULT',
      KeyUsage: 'ENCRYPT_DECRYPT',
      KeyState: 'Enabled',
      Origin: 'AWS_KMS',
      Enabled: true,
      EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'],
    });
    expect(data.CreationDate).toBeInstanceOf(Date);
    expect((await us.send(new DescribeKeyCommand({ KeyId: data.KeyId }))).KeyMetadata?.Arn).toBe(data.Arn);
    expect(
      (await us.send(new DescribeKeyCommand({ KeyId: `arn:aws:kms:us-east-1:${ACCOUNT}:alias/acme-prod-data` }))).KeyMetadata?.KeyId,
    ).toBe(data.KeyId);
    expect(await byAlias('alias/aws/s3')).toMatchObject({ KeyManager: 'AWS', KeySpec: 'SYMMETRIC_DEFAULT' });
    expect(await byAlias('alias/acme-release-signing')).toMatchObject({
      KeySpec: 'ECC_NIST_P256',
      KeyUsage: 'SIGN_VERIFY',
      SigningAlgorithms: ['ECDSA_SHA_256'],
    });
    expect(await byAlias('alias/acme-legacy-envelope')).toMatchObject({ KeySpec: 'RSA_2048', KeyUsage: 'ENCRYPT_DECRYPT' });
    expect(await byAlias('alias/acme-eu-retired', eu)).toMatchObject({ KeyState: 'Disabled', Enabled: false });
    const missing = await rejection(us.send(new DescribeKeyCommand({ KeyId: 'alias/nope' })));
    expect([missing.name, missing.message]).toEqual([
      'NotFoundException',
      `Alias arn:aws:kms:us-east-1:${ACCOUNT}:alias/nope is not found.`,
    ]);
    const otherRegion = await rejection(us.send(new DescribeKeyCommand({ KeyId: 'alias/acme-eu-data' })));
    expect(otherRegion.name).toBe('NotFoundException');
  });

  it('GetKeyRotationStatus: customer keys on or off, AWS-managed always on, asymmetric unsupported', async () => {
    const data = await byAlias('alias/acme-prod-data');
    const on = await us.send(new GetKeyRotationStatusCommand({ KeyId: data.KeyId }));
    expect(on).toMatchObject({ KeyRotationEnabled: true, RotationPeriodInDays: 365, KeyId: data.Arn });
    expect(on.NextRotationDate!.getTime()).toBeGreaterThan(Date.now());
    const backup = await byAlias('alias/acme-backup');
    expect((await us.send(new GetKeyRotationStatusCommand({ KeyId: backup.Arn }))).KeyRotationEnabled).toBe(false);
    const managed = await byAlias('alias/aws/s3');
    expect((await us.send(new GetKeyRotationStatusCommand({ KeyId: managed.KeyId }))).KeyRotationEnabled).toBe(true);
    const eudata = await byAlias('alias/acme-eu-data', eu);
    expect((await eu.send(new GetKeyRotationStatusCommand({ KeyId: eudata.KeyId }))).RotationPeriodInDays).toBe(180);
    const rsa = await byAlias('alias/acme-legacy-envelope');
    const unsupported = await rejection(us.send(new GetKeyRotationStatusCommand({ KeyId: rsa.KeyId })));
    expect([unsupported.name, unsupported.$metadata.httpStatusCode]).toEqual(['UnsupportedOperationException', 400]);
    const alias = await rejection(us.send(new GetKeyRotationStatusCommand({ KeyId: 'alias/acme-prod-data' })));
    expect(alias.name).toBe('NotFoundException');
  });

  it('GetKeyPolicy returns the default policy as a JSON string; other names are not found', async () => {
    const partner = await byAlias('alias/acme-partner-exchange');
    expect((await us.send(new ListKeyPoliciesCommand({ KeyId: partner.KeyId }))).PolicyNames).toEqual(['default']);
    const p = await us.send(new GetKeyPolicyCommand({ KeyId: partner.KeyId, PolicyName: 'default' }));
    expect(p.PolicyName).toBe('default');
    expect(JSON.parse(p.Policy!).Statement[1]).toMatchObject({ Principal: '*', Action: ['kms:Decrypt', 'kms:DescribeKey'] });
    const data = await byAlias('alias/acme-prod-data');
    expect(JSON.parse((await us.send(new GetKeyPolicyCommand({ KeyId: data.KeyId }))).Policy!).Statement[0].Principal).toEqual({
      AWS: `arn:aws:iam::${ACCOUNT}:root`,
    });
    const other = await rejection(us.send(new GetKeyPolicyCommand({ KeyId: data.KeyId, PolicyName: 'other' })));
    expect(other.name).toBe('NotFoundException');
  });
});

describe('aws sandbox: KMS denial and invalid states', () => {
  it('AccessDeniedException names the action; a key pending deletion is in an invalid state for rotation', async () => {
    const sandbox = await startAwsSandbox({
      accounts: [
        {
          id: '123456789012',
          regions: ['us-east-1'],
          kmsKeys: [
            { region: 'us-east-1', aliases: ['alias/a'] },
            { region: 'us-east-1', aliases: ['alias/gone'], state: 'PendingDeletion' },
          ],
        },
      ],
      deny: [{ action: 'kms:GetKeyPolicy', resource: 'arn:aws:kms:*' }],
    });
    try {
      const kms = clientsFor(sandbox).kms;
      const a = (await kms.send(new DescribeKeyCommand({ KeyId: 'alias/a' }))).KeyMetadata!;
      const denied = await rejection(kms.send(new GetKeyPolicyCommand({ KeyId: a.KeyId, PolicyName: 'default' })));
      expect([denied.name, denied.$metadata.httpStatusCode]).toEqual(['AccessDeniedException', 400]);
      expect(denied.message).toBe(
        `User: arn:aws:iam::123456789012:user/annexa-scanner is not authorized to perform: kms:GetKeyPolicy on resource: ${a.Arn} because no identity-based policy allows the kms:GetKeyPolicy action`,
      );
      const gone = (await kms.send(new DescribeKeyCommand({ KeyId: 'alias/gone' }))).KeyMetadata!;
      expect(gone.DeletionDate).toBeInstanceOf(Date);
      const invalid = await rejection(kms.send(new GetKeyRotationStatusCommand({ KeyId: gone.KeyId })));
      expect(invalid.name).toBe('KMSInvalidStateException');
    } finally {
      await sandbox.stop();
    }
  });
});
