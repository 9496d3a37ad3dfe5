import { sha256 } from '../evidence/files.js';
import type { Run } from '../core/run.js';
import type { CheckMeta, Result, Severity } from '../core/types.js';

/**
 * SARIF 2.1.0 for GitHub code scanning and other SARIF viewers. Findings of
 * a cloud scan have no line of code; each is anchored on a file of the
 * repository (the config file, or one the user names) and names its resource
 * as a logical location. Passes and not-applicable results are left out:
 * code scanning closes an alert whose result no longer appears.
 */
export interface SarifOptions {
  /** Repository-relative path that every result points at, e.g. `annexa.config.yaml`. */
  anchor: string;
}

const SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

/** GitHub reads `security-severity` (0–10) on rules: over 9 critical, 7–8.9 high, 4–6.9 medium, under 4 low. */
const SECURITY_SEVERITY: Record<Severity, string | undefined> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
  info: undefined,
};
const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
};

export function renderSarif(run: Run, checks: CheckMeta[], options: SarifOptions): object {
  const metas = new Map(checks.map((m) => [m.id, m]));
  const controlsOf = new Map(run.results.map((r) => [r.checkId, r.controls ?? []]));
  const ruleIds = [...new Set([...run.scope.checks, ...run.results.map((r) => r.checkId)])].filter((id) => metas.has(id)).sort();
  const index = new Map(ruleIds.map((id, i) => [id, i]));
  const rules = ruleIds.map((id) => {
    const m = metas.get(id)!;
    const controls = controlsOf.get(id) ?? [];
    return {
      id,
      name: id,
      shortDescription: { text: m.title },
      fullDescription: { text: m.description },
      help: {
        text: `${m.remediation}${controls.length ? `\n\nEvidences ISO/IEC 27001:2022 Annex A ${controls.join(', ')}.` : ''}`,
        markdown: `**Remediation.** ${m.remediation}${controls.length ? `\n\nEvidences ISO/IEC 27001:2022 Annex A ${controls.map((c) => `\`${c}\``).join(', ')}.` : ''}`,
      },
      defaultConfiguration: { level: LEVEL[m.severity] },
      properties: {
        tags: ['security', 'compliance', m.provider, ...controls.map((c) => `iso27001-2022/${c}`)],
        precision: 'very-high',
        ...(SECURITY_SEVERITY[m.severity] ? { 'security-severity': SECURITY_SEVERITY[m.severity] } : {}),
      },
    };
  });
  const results = run.results
    .filter((r) => (r.status === 'fail' || r.status === 'error') && index.has(r.checkId))
    .map((r) => resultOf(r, index.get(r.checkId)!, options.anchor));
  return {
    $schema: SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'annexa', semanticVersion: run.tool.version, version: run.tool.version, rules } },
        automationDetails: { id: `annexa/${run.id}` },
        invocations: [{ executionSuccessful: true, startTimeUtc: run.startedAt, endTimeUtc: run.finishedAt }],
        originalUriBaseIds: { '%SRCROOT%': { description: { text: 'The root of the repository the scan ran from.' } } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}

function resultOf(r: Result, ruleIndex: number, anchor: string) {
  // An `error` could not be evaluated: SARIF's kind `open` ("insufficient information"), whose level must be `none`.
  const verdict = r.status === 'fail' ? { kind: 'fail', level: LEVEL[r.severity] } : { kind: 'open', level: 'none' };
  return {
    ruleId: r.checkId,
    ruleIndex,
    ...verdict,
    message: { text: `${r.resource}: ${r.status === 'error' ? 'could not be evaluated: ' : ''}${r.message}` },
    locations: [
      {
        physicalLocation: { artifactLocation: { uri: anchor, uriBaseId: '%SRCROOT%' }, region: { startLine: 1 } },
        logicalLocations: [{ fullyQualifiedName: r.resource, kind: 'resource' }],
      },
    ],
    // Stable per check and resource, so that code scanning tracks one alert per finding across runs.
    partialFingerprints: { 'annexaResource/v1': sha256(`${r.checkId}\n${r.resource}`) },
    ...(r.waiver
      ? {
          suppressions: [
            {
              kind: 'external',
              status: 'accepted',
              justification: `${r.waiver.reason} (approved by ${r.waiver.approvedBy ?? 'unknown'}, until ${r.waiver.expires}${r.waiver.ticket ? `, ${r.waiver.ticket}` : ''})`,
            },
          ],
        }
      : {}),
    properties: { resource: r.resource, status: r.status, severity: r.severity, controls: r.controls ?? [] },
  };
}
