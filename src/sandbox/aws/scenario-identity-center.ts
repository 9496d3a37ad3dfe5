import type { PolicyDocument, PolicyRef } from './scenario.js';

/**
 * The `identityCenter:` section of an aws scenario (docs/sandbox-aws.md): one
 * organisation instance of IAM Identity Center, its users and groups, and
 * permission sets assigned to accounts. Each assignment provisions the
 * permission set's `AWSReservedSSO_…` role in that account, as the service does.
 */
export interface IdentityCenterSpec {
  /** The instance's home region; defaults to the scenario's home region. */
  region?: string;
  /** The account that owns the instance (management or delegated administrator); defaults to the organisation's management account, else the first. */
  account?: string;
  /** Identity Store users, by user name. */
  users?: string[];
  groups?: { name: string; members?: string[] }[];
  permissionSets?: PermissionSetSpec[];
}

export interface PermissionSetSpec {
  /** At most 32 characters of `[\w+=,.@-]`, as Identity Center allows. */
  name: string;
  description?: string;
  /** AWS-managed policies by name, attached to the provisioned role. */
  policies?: PolicyRef[];
  /** The permission set's inline policy (the role's `AwsSSOInlinePolicy`). */
  inlinePolicy?: PolicyDocument;
  assignments?: { account: string; users?: string[]; groups?: string[] }[];
}
