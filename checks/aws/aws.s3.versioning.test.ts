import { checkTester } from '../../src/testing/check-tester.js';
import { BUCKET_LISTING_CASES, denied, s3Facts, TARGET } from '../../test/support/aws/facts.js';
import check from './aws.s3.versioning.js';

checkTester(check, { target: TARGET }).run({
  'Enabled passes; Suspended and never enabled fail; an unreadable bucket is an error alone': {
    facts: s3Facts({
      on: { versioning: { status: 'Enabled', mfaDelete: 'Disabled' } },
      paused: { versioning: { status: 'Suspended', mfaDelete: null } },
      never: { versioning: { status: null, mfaDelete: null } },
      locked: { versioning: denied('s3:GetBucketVersioning') },
    }),
    results: [
      { resource: 'arn:aws:s3:::on', status: 'pass', messageId: 'enabled', observed: { bucket: 'on', mfaDelete: 'Disabled' } },
      { resource: 'arn:aws:s3:::paused', status: 'fail', messageId: 'disabled', observed: { bucket: 'paused', status: 'Suspended' } },
      { resource: 'arn:aws:s3:::never', status: 'fail', messageId: 'disabled', message: 'never versioning is never enabled' },
      { resource: 'arn:aws:s3:::locked', status: 'error', messageId: 'notCollected', message: 's3:GetBucketVersioning' },
    ],
  },
  ...BUCKET_LISTING_CASES,
});
