import { checkTester } from '../../src/testing/check-tester.js';
import { denied, TARGET } from '../../test/support/aws/facts.js';
import { cloudtrailFacts, LOGGING, trail } from '../../test/support/aws/monitoring-facts.js';
import check from './aws.cloudtrail.multi-region.js';

const resource = TARGET.resource;
const MANAGEMENT = '111122223333';
const basic = (readWriteType: string | null, includeManagementEvents: boolean | null = true) => ({
  basic: [{ readWriteType, includeManagementEvents, excludeManagementEventSources: [] }],
  advanced: [],
});
const advanced = (...fields: { field: string; equals: string[] }[]) => ({
  basic: [],
  advanced: [{ name: 'management', fields: fields.map((f) => ({ ...f, notEquals: [] })) }],
});
const category = { field: 'eventCategory', equals: ['Management'] };

checkTester(check, { target: TARGET }).run({
  'a logging multi-Region trail with default selectors passes': {
    facts: cloudtrailFacts([trail('main')]),
    results: [{ resource, status: 'pass', messageId: 'recording', observed: { trail: trail('main').arn, organization: false } }],
  },
  "a member account passes on its organisation's trail, owned by the management account": {
    facts: cloudtrailFacts([trail('org', { organization: true }, MANAGEMENT)]),
    results: [{ resource, status: 'pass', messageId: 'organizationTrail', observed: { owner: MANAGEMENT }, message: MANAGEMENT }],
  },
  'no trail at all fails; a single-Region trail does not count': {
    facts: cloudtrailFacts([trail('local', { multiRegion: false })]),
    results: [{ resource, status: 'fail', messageId: 'noMultiRegionTrail', observed: { trails: [trail('local').arn] } }],
  },
  'an account without trails fails': {
    facts: cloudtrailFacts([]),
    results: [{ resource, status: 'fail', messageId: 'noMultiRegionTrail', message: 'trails: none' }],
  },
  'a stopped trail and one with a delivery error fail, each with its problem': {
    facts: cloudtrailFacts([trail('stopped'), trail('broken')], {
      status: { stopped: { ...LOGGING, isLogging: false }, broken: { ...LOGGING, latestDeliveryError: 'AccessDenied' } },
    }),
    results: [{ resource, status: 'fail', messageId: 'notRecording', message: 'broken: delivery error AccessDenied, arn' }],
  },
  'custom basic selectors must record reads and writes': {
    facts: cloudtrailFacts([trail('writes', { hasCustomEventSelectors: true }), trail('data-only', { hasCustomEventSelectors: true })], {
      selectors: { writes: basic('WriteOnly'), 'data-only': basic('All', false) },
    }),
    results: [
      {
        resource,
        status: 'fail',
        messageId: 'notRecording',
        observed: {
          problems: [
            `${trail('data-only').arn}: management read events not recorded, management write events not recorded`,
            `${trail('writes').arn}: management read events not recorded`,
          ],
        },
      },
    ],
  },
  'basic selectors left at their defaults record everything': {
    facts: cloudtrailFacts([trail('defaults', { hasCustomEventSelectors: true })], { selectors: { defaults: basic(null, null) } }),
    results: [{ resource, status: 'pass', messageId: 'recording' }],
  },
  'advanced selectors: Management without readOnly records both; readOnly true alone only reads': {
    facts: cloudtrailFacts([trail('adv', { hasCustomEventSelectors: true }), trail('reads', { hasCustomEventSelectors: true })], {
      selectors: { adv: advanced(category), reads: advanced(category, { field: 'readOnly', equals: ['true'] }) },
    }),
    results: [{ resource, status: 'pass', messageId: 'recording', observed: { trail: trail('adv').arn } }],
  },
  'advanced selectors that only read fail': {
    facts: cloudtrailFacts([trail('reads', { hasCustomEventSelectors: true })], {
      selectors: { reads: advanced(category, { field: 'readOnly', equals: ['true'] }) },
    }),
    results: [{ resource, status: 'fail', messageId: 'notRecording', message: 'management write events not recorded' }],
  },
  'a denied DescribeTrails is an error naming the action': {
    facts: cloudtrailFacts(denied('cloudtrail:DescribeTrails')),
    results: [{ resource, status: 'error', messageId: 'notCollected', message: 'cloudtrail:DescribeTrails' }],
  },
  'a denied status errors only when no other trail qualifies': {
    facts: cloudtrailFacts([trail('a'), trail('b')], { status: { a: denied('cloudtrail:GetTrailStatus') } }),
    results: [{ resource, status: 'pass', messageId: 'recording', observed: { trail: trail('b').arn } }],
  },
  'a denied status of the only trail is an error naming the action': {
    facts: cloudtrailFacts([trail('a')], { status: { a: denied('cloudtrail:GetTrailStatus') } }),
    results: [{ resource, status: 'error', messageId: 'notCollected', message: 'cloudtrail:GetTrailStatus' }],
  },
});
