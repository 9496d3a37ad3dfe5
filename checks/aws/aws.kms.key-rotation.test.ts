import { FactError } from '../../src/core/facts.js';
import { checkTester } from '../../src/testing/check-tester.js';
import { kmsFacts, kmsKey, TARGET } from '../../test/support/aws/facts.js';
import check from './aws.kms.key-rotation.js';

const arn = (id: string, region = 'eu-west-1') => `arn:aws:kms:${region}:123456789012:key/${id}`;
const denied = (permission: string) => new FactError({ kind: 'denied', message: 'AccessDenied', permission });

checkTester(check, { target: TARGET }).run({
  'a customer symmetric key that rotates passes, with its period': {
    facts: kmsFacts({ 'eu-west-1': [kmsKey('rotating')] }, { rotation: { rotating: { enabled: true, rotationPeriodInDays: 180 } } }),
    results: [
      {
        resource: arn('rotating'),
        status: 'pass',
        messageId: 'rotating',
        observed: { keyId: 'rotating', rotationEnabled: true, rotationPeriodInDays: 180 },
      },
    ],
  },
  'a customer symmetric key that does not rotate fails, in whichever region it is': {
    facts: kmsFacts(
      { 'eu-west-1': [kmsKey('static')], 'us-east-1': [kmsKey('us-static', {}, 'us-east-1')] },
      { rotation: { static: { enabled: false, rotationPeriodInDays: null }, 'us-static': { enabled: false, rotationPeriodInDays: null } } },
    ),
    results: [
      {
        resource: arn('static'),
        status: 'fail',
        messageId: 'notRotating',
        observed: { keyId: 'static', rotationEnabled: false, rotationPeriodInDays: null },
      },
      { resource: arn('us-static', 'us-east-1'), status: 'fail', messageId: 'notRotating', observed: { region: 'us-east-1' } },
    ],
  },
  'a rotation period longer than maxRotationDays fails; the setting moves the bar': {
    facts: kmsFacts(
      { 'eu-west-1': [kmsKey('slow'), kmsKey('yearly')] },
      { rotation: { slow: { enabled: true, rotationPeriodInDays: 730 }, yearly: { enabled: true, rotationPeriodInDays: null } } },
    ),
    results: [
      { resource: arn('slow'), status: 'fail', messageId: 'periodTooLong', observed: { rotationPeriodInDays: 730, maxRotationDays: 365 } },
      { resource: arn('yearly'), status: 'pass', messageId: 'rotating', observed: { rotationPeriodInDays: 365 } },
    ],
  },
  'maxRotationDays comes from the settings': {
    facts: kmsFacts({ 'eu-west-1': [kmsKey('yearly')] }, { rotation: { yearly: { enabled: true, rotationPeriodInDays: 365 } } }),
    settings: { maxRotationDays: 180 },
    results: [{ resource: arn('yearly'), status: 'fail', messageId: 'periodTooLong', message: 'more than 180' }],
  },
  'a disabled key is not applicable, its state recorded': {
    facts: kmsFacts({ 'eu-west-1': [kmsKey('off', { keyState: 'Disabled' })] }),
    results: [
      { resource: arn('off'), status: 'not_applicable', messageId: 'notInUse', observed: { keyState: 'Disabled' }, message: 'is Disabled' },
    ],
  },
  'AWS-managed, asymmetric, imported and doomed keys are not applicable': {
    facts: kmsFacts({
      'eu-west-1': [
        kmsKey('aws', { keyManager: 'AWS' }),
        kmsKey('rsa', { keySpec: 'RSA_2048', keyUsage: 'SIGN_VERIFY' }),
        kmsKey('imported', { origin: 'EXTERNAL' }),
        kmsKey('doomed', { keyState: 'PendingDeletion' }),
      ],
    }),
    results: [
      { resource: arn('aws'), status: 'not_applicable', messageId: 'awsManaged', observed: { keyId: 'aws' } },
      { resource: arn('rsa'), status: 'not_applicable', messageId: 'notSymmetric', observed: { keyId: 'rsa', keySpec: 'RSA_2048' } },
      {
        resource: arn('imported'),
        status: 'not_applicable',
        messageId: 'unsupported',
        observed: { keyId: 'imported', origin: 'EXTERNAL' },
      },
      {
        resource: arn('doomed'),
        status: 'not_applicable',
        messageId: 'notInUse',
        observed: { keyId: 'doomed', keyState: 'PendingDeletion' },
      },
    ],
  },
  'no key in any scanned region is not applicable': {
    facts: kmsFacts({ 'eu-west-1': [] }),
    results: [{ resource: TARGET.resource, status: 'not_applicable', messageId: 'noKeys' }],
  },
  'a denied rotation read errors that key; a denied listing errors that region': {
    facts: kmsFacts(
      { 'eu-west-1': [kmsKey('k')], 'ap-south-1': denied('kms:ListKeys') },
      { rotation: { k: denied('kms:GetKeyRotationStatus') } },
    ),
    results: [
      {
        resource: arn('k'),
        status: 'error',
        messageId: 'notCollected',
        message: 'kms:GetKeyRotationStatus',
        observed: { reason: { kind: 'denied', permission: 'kms:GetKeyRotationStatus' } },
      },
      { resource: arn('*', 'ap-south-1'), status: 'error', messageId: 'notCollected', message: 'kms:ListKeys' },
    ],
  },
});
