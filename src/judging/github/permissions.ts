/**
 * What a GitHub token needs to see each fact, named in errors by fetchers and
 * checks alike: classic scopes first, fine-grained permissions after.
 */
export const PERMISSIONS = {
  orgOwner: 'organization owner with the admin:org scope (fine-grained: organization Administration read)',
  members: 'read:org scope (fine-grained: organization Members read)',
  ownerMembers: 'organization owner with the read:org scope (fine-grained: organization Members read)',
  orgHooks: 'organization owner with the admin:org_hook scope (fine-grained: organization Webhooks read)',
  repoAdmin: 'admin on the repository (fine-grained: repository Administration read)',
  repoHooks: 'admin on the repository with the admin:repo_hook or read:repo_hook scope (fine-grained: repository Webhooks read)',
  collaborators: 'push access to the repository (fine-grained: repository Metadata read with write access)',
  securityAnalysis: 'admin on the repository or the security manager role (fine-grained: repository Administration read)',
  dependabotAlerts:
    'organization owner or security manager with the security_events scope (public_repo for public repositories only; fine-grained: repository Dependabot alerts read)',
  codeScanningAlerts:
    'organization owner or security manager with the security_events or repo scope (fine-grained: repository Code scanning alerts read)',
  secretScanningAlerts:
    'organization owner or security manager with the repo or security_events scope (fine-grained: repository Secret scanning alerts read)',
  codeScanningSetup:
    'the repo scope (public_repo for public repositories) and security_events for analyses (fine-grained: repository Administration and Code scanning alerts read)',
} as const;
