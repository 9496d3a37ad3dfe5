import { AwsError } from './errors.js';
import { epochSeconds, jsonAnswer, jsonError, jsonInput, jsonOperation, jsonPage } from './json.js';
import type { AwsRequest, CallContext, ServiceHandler } from './server.js';
import type { KmsKey } from './world.js';
import { textOf } from '../../core/text.js';

/**
 * KMS (JSON 1.1, `TrentService.*`): keys of the caller's account in the
 * request's region. Messages follow the real service's; where the
 * documentation gives only the error code (rotation of unsupported keys),
 * the message is ours.
 */

const ALGORITHMS: Record<string, { EncryptionAlgorithms?: string[]; SigningAlgorithms?: string[]; MacAlgorithms?: string[] }> = {
  SYMMETRIC_DEFAULT: { EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'] },
  RSA_ENCRYPT_DECRYPT: { EncryptionAlgorithms: ['RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256'] },
  RSA_SIGN_VERIFY: {
    SigningAlgorithms: [
      'RSASSA_PSS_SHA_256',
      'RSASSA_PSS_SHA_384',
      'RSASSA_PSS_SHA_512',
      'RSASSA_PKCS1_V1_5_SHA_256',
      'RSASSA_PKCS1_V1_5_SHA_384',
      'RSASSA_PKCS1_V1_5_SHA_512',
    ],
  },
  ECC_SIGN_VERIFY: { SigningAlgorithms: ['ECDSA_SHA_256'] },
  HMAC_GENERATE_VERIFY_MAC: { MacAlgorithms: ['HMAC_SHA_256'] },
};

function algorithms(k: KmsKey) {
  if (k.spec === 'SYMMETRIC_DEFAULT') return ALGORITHMS.SYMMETRIC_DEFAULT;
  return ALGORITHMS[`${k.spec.split('_')[0]}_${k.usage}`] ?? {};
}

function keysIn(ctx: CallContext, req: AwsRequest): KmsKey[] {
  return ctx.caller.account.keys.filter((k) => k.region === req.region);
}

/** Resolves a key id, key ARN and (where the operation allows) an alias name or alias ARN. */
function findKey(ctx: CallContext, req: AwsRequest, keyId: unknown, aliases: boolean): KmsKey {
  const id = textOf(keyId ?? '');
  if (!id)
    throw new AwsError(
      'ValidationException',
      "1 validation error detected: Value null at 'keyId' failed to satisfy constraint: Member must not be null",
    );
  const a = ctx.caller.account;
  const keys = keysIn(ctx, req);
  const aliasPrefix = `arn:aws:kms:${req.region}:${a.id}:`;
  const isAlias = id.startsWith('alias/') || id.startsWith(`${aliasPrefix}alias/`);
  if (isAlias) {
    const name = id.startsWith('alias/') ? id : id.slice(aliasPrefix.length);
    const key = aliases ? keys.find((k) => k.aliases.includes(name)) : undefined;
    if (!key) throw new AwsError('NotFoundException', `Alias ${aliasPrefix}${name} is not found.`);
    return key;
  }
  const key = keys.find((k) => k.id === id || k.arn === id);
  if (!key) throw new AwsError('NotFoundException', `Key '${id.startsWith('arn:') ? id : `${aliasPrefix}key/${id}`}' does not exist`);
  return key;
}

function metadata(k: KmsKey, account: string, now: Date) {
  return {
    AWSAccountId: account,
    KeyId: k.id,
    Arn: k.arn,
    CreationDate: epochSeconds(k.created),
    Enabled: k.state === 'Enabled',
    Description: k.description,
    KeyUsage: k.usage,
    KeyState: k.state,
    DeletionDate: k.state === 'PendingDeletion' ? epochSeconds(new Date(now.getTime() + 7 * 86_400_000)) : undefined,
    PendingDeletionWindowInDays: k.state === 'PendingDeletion' ? 7 : undefined,
    Origin: k.origin,
    KeyManager: k.manager,
    CustomerMasterKeySpec: k.spec,
    KeySpec: k.spec,
    ...algorithms(k),
    MultiRegion: false,
  };
}

/** GetKeyRotationStatus: AWS-managed keys always rotate; asymmetric, HMAC, imported and custom-store keys cannot. */
function rotationStatus(k: KmsKey, now: Date) {
  if (['PendingDeletion', 'PendingImport', 'Unavailable'].includes(k.state)) {
    throw new AwsError(
      'KMSInvalidStateException',
      `${k.arn} is ${k.state === 'PendingDeletion' ? 'pending deletion' : k.state === 'PendingImport' ? 'pending import' : 'unavailable'}.`,
    );
  }
  if (k.spec !== 'SYMMETRIC_DEFAULT') {
    throw new AwsError(
      'UnsupportedOperationException',
      `${k.arn} key spec ${k.spec} is not valid for this operation: automatic key rotation applies to symmetric encryption keys only.`,
    );
  }
  if (k.origin !== 'AWS_KMS')
    throw new AwsError('UnsupportedOperationException', `${k.arn} origin is ${k.origin} which is not valid for this operation.`);
  const period = k.rotationPeriodDays * 86_400_000;
  const next = k.rotation
    ? new Date(k.created.getTime() + Math.ceil((now.getTime() - k.created.getTime() + 1) / period) * period)
    : undefined;
  return {
    KeyRotationEnabled: k.rotation,
    KeyId: k.arn,
    RotationPeriodInDays: k.rotation ? k.rotationPeriodDays : undefined,
    NextRotationDate: epochSeconds(next),
  };
}

export function kmsService(): ServiceHandler {
  return {
    service: 'kms',
    operation: jsonOperation('TrentService'),
    renderError: (err, req) => jsonError(err, req, { denied: 'AccessDeniedException', throttled: 'ThrottlingException' }),
    handle(op, req, ctx) {
      const input = jsonInput(req);
      const now = ctx.world.now;
      const account = ctx.caller.account.id;
      const limit = Number(input.Limit ?? 100);
      switch (op) {
        case 'ListKeys': {
          ctx.authorize('kms:ListKeys');
          const pg = jsonPage(keysIn(ctx, req), limit, input.Marker, 1000);
          return jsonAnswer(req, {
            Keys: pg.items.map((k) => ({ KeyId: k.id, KeyArn: k.arn })),
            Truncated: pg.next !== undefined,
            NextMarker: pg.next,
          });
        }
        case 'ListAliases': {
          ctx.authorize('kms:ListAliases');
          const only = input.KeyId === undefined ? undefined : findKey(ctx, req, input.KeyId, false);
          const aliases = keysIn(ctx, req)
            .filter((k) => !only || k === only)
            .flatMap((k) =>
              k.aliases.map((name) => ({
                AliasName: name,
                AliasArn: `arn:aws:kms:${req.region}:${account}:${name}`,
                TargetKeyId: k.id,
                CreationDate: epochSeconds(k.created),
                LastUpdatedDate: epochSeconds(k.created),
              })),
            );
          aliases.sort((x, y) => x.AliasName.localeCompare(y.AliasName));
          const pg = jsonPage(aliases, limit, input.Marker, 100);
          return jsonAnswer(req, { Aliases: pg.items, Truncated: pg.next !== undefined, NextMarker: pg.next });
        }
        case 'DescribeKey': {
          const k = findKey(ctx, req, input.KeyId, true);
          ctx.authorize('kms:DescribeKey', k.arn);
          return jsonAnswer(req, { KeyMetadata: metadata(k, account, now) });
        }
        case 'GetKeyRotationStatus': {
          const k = findKey(ctx, req, input.KeyId, false);
          ctx.authorize('kms:GetKeyRotationStatus', k.arn);
          return jsonAnswer(req, rotationStatus(k, now));
        }
        case 'ListKeyPolicies': {
          const k = findKey(ctx, req, input.KeyId, false);
          ctx.authorize('kms:ListKeyPolicies', k.arn);
          return jsonAnswer(req, { PolicyNames: ['default'], Truncated: false });
        }
        case 'GetKeyPolicy': {
          const k = findKey(ctx, req, input.KeyId, false);
          ctx.authorize('kms:GetKeyPolicy', k.arn);
          const name = input.PolicyName ?? 'default';
          if (name !== 'default') throw new AwsError('NotFoundException', `No such policy exists: ${textOf(name)}`);
          return jsonAnswer(req, { Policy: JSON.stringify(k.policy, null, 2), PolicyName: 'default' });
        }
        default:
          throw new AwsError('UnknownOperationException', `Unknown operation ${op}`);
      }
    },
  };
}
