import type { Provider } from '../core/provider.js';

/** The built-in provider ids, in the order their results are reported. */
export const BUILTIN_PROVIDER_IDS = ['aws', 'github', 'tls'] as const;

// Each provider is imported only when a scan needs it: a TLS scan never loads the AWS SDK or Octokit.
const loaders: Record<(typeof BUILTIN_PROVIDER_IDS)[number], () => Promise<Provider>> = {
  aws: async () => (await import('./aws/provider.js')).awsProvider,
  github: async () => (await import('./github/provider.js')).githubProvider,
  tls: async () => (await import('./tls/provider.js')).tlsProvider,
};

/** The built-in providers whose ids are in `wanted` (all of them by default), in reporting order. */
export async function loadBuiltinProviders(wanted: Iterable<string> = BUILTIN_PROVIDER_IDS): Promise<Provider[]> {
  const ids = new Set(wanted);
  return Promise.all(BUILTIN_PROVIDER_IDS.filter((id) => ids.has(id)).map((id) => loaders[id]()));
}
