import { v5 as uuidv5 } from 'uuid';
import type { Result, Severity } from '../core/types.js';
import { collectedAt, type Assessment } from './run-view.js';

/** The OCSF schema version these events follow. */
export const OCSF_VERSION = '1.3.0';
const DETECTION_FINDING = 2004;
const FINDINGS_CATEGORY = 2;
const CREATE = 1;
const OCSF_NAMESPACE = uuidv5('https://annexa.dev/ns/ocsf', uuidv5.URL);

const SEVERITY_ID: Record<Severity, number> = { info: 1, low: 2, medium: 3, high: 4, critical: 5 };
const SEVERITY_NAME: Record<Severity, string> = { info: 'Informational', low: 'Low', medium: 'Medium', high: 'High', critical: 'Critical' };

/**
 * The finding's workflow status: a fail is New (Suppressed when a waiver
 * covers it), a pass Resolved; an error or not-applicable result is Other,
 * with annexa's own word for it, so that no consumer reads it as resolved.
 */
function statusOf(r: Result): { status_id: number; status: string } {
  if (r.status === 'fail') return r.waiver ? { status_id: 3, status: 'Suppressed' } : { status_id: 1, status: 'New' };
  if (r.status === 'pass') return { status_id: 4, status: 'Resolved' };
  return { status_id: 99, status: r.status === 'error' ? 'Error' : 'Not applicable' };
}

/**
 * OCSF Detection Finding events (class 2004, activity Create), one JSON line
 * per result, for data lakes and Security Hub-style pipelines. annexa's own
 * fields (observed values, fact references, waiver) go under `unmapped`.
 */
export function toOcsf(a: Assessment): string {
  const { manifest } = a.run;
  const collected = collectedAt(a.run);
  const controlsOf = new Map<string, string[]>();
  for (const c of a.controls) for (const l of c.links) controlsOf.set(l.checkId, [...(controlsOf.get(l.checkId) ?? []), c.id]);
  const lines = a.run.results.map((r) => {
    const event = {
      activity_id: CREATE,
      activity_name: 'Create',
      category_uid: FINDINGS_CATEGORY,
      category_name: 'Findings',
      class_uid: DETECTION_FINDING,
      class_name: 'Detection Finding',
      type_uid: DETECTION_FINDING * 100 + CREATE,
      type_name: 'Detection Finding: Create',
      time: Date.parse(collected(r)),
      severity_id: SEVERITY_ID[r.severity] ?? 0,
      severity: SEVERITY_NAME[r.severity] ?? 'Unknown',
      ...statusOf(r),
      is_alert: r.status === 'fail' && !r.waiver,
      message: r.message,
      metadata: {
        version: OCSF_VERSION,
        product: { name: 'annexa', vendor_name: 'annexa', version: manifest.tool.version },
        uid: uuidv5(`${manifest.runId}/${r.checkId}/${r.resource}`, OCSF_NAMESPACE),
        correlation_uid: manifest.runId,
      },
      finding_info: {
        uid: `${r.checkId}/${r.resource}`,
        title: r.checkId,
        desc: r.message,
        types: (controlsOf.get(r.checkId) ?? []).map((id) => `${a.framework.name} ${id}`),
        analytic: { uid: r.checkId, name: r.checkId, type_id: 1, type: 'Rule' },
        data_sources: r.factRefs,
        created_time: Date.parse(manifest.finishedAt),
      },
      resources: [{ uid: r.resource, name: r.resource }],
      unmapped: {
        annexa_status: r.status,
        observed: r.observed ?? null,
        waiver: r.waiver ?? null,
        run_id: manifest.runId,
        manifest_sha256: a.run.manifestSha256,
      },
    };
    return JSON.stringify(event);
  });
  return lines.length ? `${lines.join('\n')}\n` : '';
}
