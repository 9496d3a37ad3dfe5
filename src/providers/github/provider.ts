import { UsageError } from '../../core/errors.js';
import type { Provider } from '../../core/provider.js';

// Placeholder until the GitHub provider lands (its own issue).
export const githubProvider: Provider<'github'> = {
  id: 'github',
  title: 'GitHub',
  async resolveTargets() {
    throw new UsageError('the GitHub provider is not available yet');
  },
  facts() {
    throw new Error('the GitHub provider is not available yet');
  },
  async identity() {
    throw new Error('the GitHub provider is not available yet');
  },
};
