import { createRequire } from 'node:module';
import type { XMLBuilder } from 'fast-xml-parser';
import type { Run } from '../core/run.js';
import type { Result } from '../core/types.js';

/**
 * JUnit XML as GitLab and Jenkins read it: one suite per check, one test
 * case per resource; `failure` for a fail, `error` for an error, `skipped`
 * for not applicable. A waived fail is `skipped` with the waiver as its
 * message: it is accepted risk and does not fail the gate.
 */
export function renderJunit(run: Run): string {
  const byCheck = new Map<string, Result[]>();
  for (const r of run.results) byCheck.set(r.checkId, [...(byCheck.get(r.checkId) ?? []), r]);
  const suites = [...byCheck.keys()].sort().map((checkId) => {
    const results = byCheck.get(checkId)!;
    const count = (f: (r: Result) => boolean) => results.filter(f).length;
    return {
      '@_name': checkId,
      '@_tests': results.length,
      '@_failures': count((r) => r.status === 'fail' && !r.waiver),
      '@_errors': count((r) => r.status === 'error'),
      '@_skipped': count((r) => r.status === 'not_applicable' || Boolean(r.waiver)),
      '@_timestamp': run.startedAt,
      testcase: results.map(testCase),
    };
  });
  const total = (key: string) => suites.reduce((n, s) => n + (s[key as keyof typeof s] as number), 0);
  const doc = {
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    testsuites: {
      '@_name': `annexa ${run.id}`,
      '@_tests': total('@_tests'),
      '@_failures': total('@_failures'),
      '@_errors': total('@_errors'),
      '@_skipped': total('@_skipped'),
      '@_time': (run.durationMs / 1000).toFixed(3),
      testsuite: suites,
    },
  };
  // required here, and as its one-file CommonJS build: a scan without --format junit never loads it
  const { XMLBuilder: Builder } = createRequire(import.meta.url)('fast-xml-parser') as { XMLBuilder: typeof XMLBuilder };
  return `${new Builder({ ignoreAttributes: false, attributeNamePrefix: '@_', format: true, suppressEmptyNode: true }).build(doc)}`;
}

function testCase(r: Result) {
  const base = { '@_classname': r.checkId, '@_name': xmlSafe(r.resource) };
  const detail = xmlSafe([r.message, r.controls?.length ? `Annex A: ${r.controls.join(', ')}` : ''].filter(Boolean).join('\n'));
  if (r.waiver)
    return { ...base, skipped: { '@_message': xmlSafe(`waived until ${r.waiver.expires}: ${r.waiver.reason}`), '#text': detail } };
  if (r.status === 'fail') return { ...base, failure: { '@_message': xmlSafe(r.message), '@_type': r.severity, '#text': detail } };
  if (r.status === 'error') return { ...base, error: { '@_message': xmlSafe(r.message), '@_type': 'error', '#text': detail } };
  if (r.status === 'not_applicable') return { ...base, skipped: { '@_message': xmlSafe(r.message) } };
  return base;
}

/** XML 1.0 cannot carry most control characters, even escaped. */
// eslint-disable-next-line no-control-regex
const xmlSafe = (s: string) => s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '\ufffd');
