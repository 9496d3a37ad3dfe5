import { AwsError } from './errors.js';
import type { ServiceHandler, Shared } from './server.js';

// Services whose emulation lands in a later step answer 501 until then.
function pending(service: string): ServiceHandler {
  return {
    service,
    operation: () => 'Unknown',
    handle() {
      throw new AwsError('NotImplemented', `${service} is not emulated yet`, 501);
    },
    renderError: (err) => ({ status: 501, body: err.message }),
  };
}

export const SERVICES_PENDING = (_shared: Shared) => ({
  kms: pending('kms'),
  ec2: pending('ec2'),
  organizations: pending('organizations'),
});
