import { UsageError } from '../../core/errors.js';
import type { Provider } from '../../core/provider.js';

// Placeholder until the TLS provider lands (its own issue).
export const tlsProvider: Provider<'tls'> = {
  id: 'tls',
  title: 'TLS',
  async resolveTargets() {
    throw new UsageError('the TLS provider is not available yet');
  },
  facts() {
    throw new Error('the TLS provider is not available yet');
  },
  async identity() {
    throw new Error('the TLS provider is not available yet');
  },
};
