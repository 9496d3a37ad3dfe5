import type { FactScope } from '../../core/facts.js';
import { send } from './actions.js';
import type { AwsClients } from './clients.js';
import { parsePolicyDocument } from './policy.js';
import type { AwsFacts, KmsKeyRef } from './types.js';
import { sdk } from './sdk.js';

const { DescribeKeyCommand, GetKeyPolicyCommand, GetKeyRotationStatusCommand, ListKeysCommand } = sdk('@aws-sdk/client-kms');

/** KMS facts, per region: the key list, then per key what the checks ask for. */
export function kmsFacts(scope: FactScope, clients: AwsClients): AwsFacts['kms'] {
  return {
    keys: (region) =>
      scope.fact(`aws.kms.keys(${region})`, async (rec) => {
        const kms = clients.kms(region);
        const keys: KmsKeyRef[] = [];
        let Marker: string | undefined;
        do {
          const page = await send(rec, 'kms', new ListKeysCommand({ Limit: 1000, Marker }), (c, o) => kms.send(c, o), region);
          for (const k of page.Keys!) keys.push({ keyId: k.KeyId!, keyArn: k.KeyArn ?? '' });
          Marker = page.Truncated ? page.NextMarker : undefined;
        } while (Marker);
        return keys;
      }),
    describeKey: (region, keyId) =>
      scope.fact(`aws.kms.describeKey(${region},${keyId})`, async (rec) => {
        const kms = clients.kms(region);
        const m = (await send(rec, 'kms', new DescribeKeyCommand({ KeyId: keyId }), (c, o) => kms.send(c, o), keyId)).KeyMetadata!;
        return {
          keyId: m.KeyId!,
          arn: m.Arn!,
          keyManager: m.KeyManager!,
          keySpec: m.KeySpec ?? null,
          keyUsage: m.KeyUsage ?? null,
          keyState: m.KeyState!,
          origin: m.Origin ?? null,
          description: m.Description ?? null,
        };
      }),
    rotation: (region, keyId) =>
      scope.fact(`aws.kms.rotation(${region},${keyId})`, async (rec) => {
        const kms = clients.kms(region);
        const answer = await send(rec, 'kms', new GetKeyRotationStatusCommand({ KeyId: keyId }), (c, o) => kms.send(c, o), keyId);
        return { enabled: answer.KeyRotationEnabled === true, rotationPeriodInDays: answer.RotationPeriodInDays ?? null };
      }),
    keyPolicy: (region, keyId) =>
      scope.fact(`aws.kms.keyPolicy(${region},${keyId})`, async (rec) => {
        const kms = clients.kms(region);
        const answer = await send(
          rec,
          'kms',
          new GetKeyPolicyCommand({ KeyId: keyId, PolicyName: 'default' }),
          (c, o) => kms.send(c, o),
          keyId,
        );
        return parsePolicyDocument(answer.Policy!);
      }),
  };
}
