import { UsageError } from '../../core/errors.js';
import type { Provider } from '../../core/provider.js';

// Placeholder until the AWS provider lands (its own issue).
export const awsProvider: Provider<'aws'> = {
  id: 'aws',
  title: 'AWS',
  async resolveTargets() {
    throw new UsageError('the AWS provider is not available yet');
  },
  facts() {
    throw new Error('the AWS provider is not available yet');
  },
  async identity() {
    throw new Error('the AWS provider is not available yet');
  },
};
