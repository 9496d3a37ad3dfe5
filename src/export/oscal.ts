import { v5 as uuidv5 } from 'uuid';
import type { Result } from '../core/types.js';
import { MANIFEST } from '../evidence/run-folder.js';
import { collectedAt, resultsOf, type Assessment, type ControlView } from './run-view.js';

export const OSCAL_VERSION = '1.1.3';
/** The namespace of every annexa-specific prop: OSCAL keeps tool data out of its own keys. */
export const ANNEXA_NS = 'https://annexa.dev/ns/oscal';
const UUID_NAMESPACE = uuidv5(ANNEXA_NS, uuidv5.URL);

/** v5: the same run exported twice gives the same document, uuid for uuid. */
const uuid = (name: string) => uuidv5(name, UUID_NAMESPACE);

interface Prop {
  name: string;
  ns: string;
  value: string;
  class?: string;
}

/** OSCAL strings and prop values may not be empty nor start or end with whitespace, nor span lines. */
const oneLine = (value: unknown) => String(value).replace(/\s+/g, ' ').trim() || '-';
const prop = (name: string, value: unknown): Prop => ({ name, ns: ANNEXA_NS, value: oneLine(value) });
const props = (entries: [string, unknown][]) =>
  entries.filter(([, v]) => v !== undefined && v !== null && v !== '').map(([n, v]) => prop(n, v));

function waiverProps(r: Result): Prop[] {
  const w = r.waiver;
  if (!w) return [];
  return props([
    ['waiver-reason', w.reason],
    ['waiver-expires', w.expires],
    ['waiver-approved-by', w.approvedBy],
    ['waiver-ticket', w.ticket],
  ]);
}

/**
 * OSCAL assessment-results for one run read against one framework: one
 * observation per result (method TEST, the facts it read as relevant
 * evidence pointing into the run folder with their file's hash), one finding
 * per catalogue control, and the run's files as back-matter resources.
 */
export function toOscal(a: Assessment): unknown {
  const { run } = a;
  const { manifest } = run;
  const base = `${manifest.runId}/${a.framework.id}`;
  const files: [string, string][] = [
    [MANIFEST, run.manifestSha256],
    ...Object.entries(manifest.files).map(([name, f]): [string, string] => [name, f.sha256]),
  ];
  const resourceUuid = (name: string) => uuid(`${manifest.runId}/file/${name}`);
  const snapshotName = files.find(([n]) => n.startsWith('snapshot.json'))?.[0] ?? 'snapshot.json';
  const fileHash = new Map(files);
  const collected = collectedAt(run);
  const toolUuid = uuid(`${manifest.runId}/tool`);
  const itemUuid = (resource: string) => uuid(`${manifest.runId}/resource/${resource}`);
  const observationUuid = (r: Result) => uuid(`${manifest.runId}/observation/${r.checkId}/${r.resource}`);

  const observations = run.results.map((r) => {
    const evidence = [
      ...r.factRefs.map((ref) => ({
        href: `${snapshotName}#${encodeURIComponent(ref)}`,
        description: `The fact ${ref} and the API calls behind it, as recorded in ${snapshotName}.`,
        props: [prop('sha256', fileHash.get(snapshotName))],
        links: [{ href: `#${resourceUuid(snapshotName)}`, rel: 'reference' }],
      })),
      {
        href: `results.json#${encodeURIComponent(`${r.checkId}/${r.resource}`)}`,
        description: 'The verdict as annexa recorded it, with the observed values it rests on.',
        props: [prop('sha256', fileHash.get('results.json'))],
        links: [{ href: `#${resourceUuid('results.json')}`, rel: 'reference' }],
      },
    ];
    return {
      uuid: observationUuid(r),
      title: oneLine(`${r.checkId} on ${r.resource}`),
      description: oneLine(r.message),
      props: props([
        ['check-id', r.checkId],
        ['status', r.status],
        ['severity', r.severity],
        ['message-id', r.messageId],
        ['observed', r.observed === undefined ? undefined : JSON.stringify(r.observed)],
      ]).concat(waiverProps(r)),
      methods: ['TEST'],
      types: ['finding'],
      origins: [{ actors: [{ type: 'tool', 'actor-uuid': toolUuid }] }],
      subjects: [{ 'subject-uuid': itemUuid(r.resource), type: 'inventory-item', title: oneLine(r.resource) }],
      'relevant-evidence': evidence,
      collected: collected(r),
    };
  });

  const findings = a.controls.map((c) => {
    const results = c.checks.flatMap((id) => resultsOf(a, id));
    const [state, reason] =
      c.status === 'pass' ? ['satisfied', 'pass'] : c.status === 'fail' ? ['not-satisfied', 'fail'] : ['not-satisfied', 'other'];
    return {
      uuid: uuid(`${base}/finding/${c.id}`),
      title: oneLine(`${c.id} ${c.title}`),
      description: findingText(c),
      props: props([
        ['status', c.status],
        ['exclusion-justification', c.exclusion?.justification],
        ...(c.manualEvidence ?? []).map((e): [string, unknown] => ['manual-evidence', `${e.path} sha256:${e.sha256}`]),
      ]),
      target: {
        type: 'objective-id',
        'target-id': c.id,
        status: { state, reason },
      },
      ...(results.length ? { 'related-observations': results.map((r) => ({ 'observation-uuid': observationUuid(r) })) } : {}),
    };
  });

  const resources = [...new Set(run.results.map((r) => r.resource))].sort();
  return {
    'assessment-results': {
      uuid: uuid(`${base}/assessment-results`),
      metadata: {
        title: `annexa assessment results, run ${manifest.runId} (${a.framework.name})`,
        'last-modified': manifest.finishedAt,
        version: manifest.runId,
        'oscal-version': OSCAL_VERSION,
        props: props([
          ['framework', a.framework.id],
          ['tool-version', manifest.tool.version],
        ]),
      },
      'import-ap': {
        href: `#${resourceUuid(MANIFEST)}`,
        remarks:
          'annexa keeps no separate assessment plan: the scope recorded in manifest.json (targets, checks, collector identities) is the plan this run carried out.',
      },
      results: [
        {
          uuid: uuid(`${base}/result`),
          title: `Run ${manifest.runId}`,
          description: `Automated tests by annexa ${manifest.tool.version} over ${manifest.scope.targets.length} targets, read against ${a.framework.name}. Gate: ${a.gate.passed ? 'passed' : 'failed'} (${a.gate.reason}; ${a.gate.rule}).`,
          start: manifest.startedAt,
          end: manifest.finishedAt,
          props: props([
            ['run-id', manifest.runId],
            ['manifest-sha256', run.manifestSha256],
            ['gate', a.gate.passed ? 'passed' : 'failed'],
            ['signature', a.signature ? `${a.signature.algorithm} ${a.signature.keyId}` : 'unsigned'],
          ]),
          'local-definitions': {
            components: [
              {
                uuid: toolUuid,
                type: 'software',
                title: 'annexa',
                description: `annexa ${manifest.tool.version} on Node.js ${manifest.tool.node}: read-only technical-control scanner.`,
                status: { state: 'operational' },
              },
            ],
            ...(resources.length
              ? {
                  'inventory-items': resources.map((res) => ({
                    uuid: itemUuid(res),
                    description: oneLine(res),
                    props: [prop('resource-id', res)],
                  })),
                }
              : {}),
          },
          'reviewed-controls': {
            'control-selections': [{ 'include-controls': a.controls.map((c) => ({ 'control-id': c.id })) }],
          },
          ...(observations.length ? { observations } : {}),
          findings,
        },
      ],
      'back-matter': {
        resources: files.map(([name, hash]) => ({
          uuid: resourceUuid(name),
          title: name,
          rlinks: [
            {
              href: name,
              'media-type': name.endsWith('.gz') ? 'application/gzip' : 'application/json',
              hashes: [{ algorithm: 'SHA-256', value: hash }],
            },
          ],
        })),
      },
    },
  };
}

function findingText(c: ControlView): string {
  if (c.status === 'excluded')
    return `Excluded in the Statement of Applicability: ${c.exclusion?.justification ?? 'no justification recorded'}.`;
  if (c.status === 'manual') {
    const evidence = c.manualEvidence?.length
      ? ` Manual evidence attached: ${c.manualEvidence.map((e) => e.path).join(', ')}.`
      : ' No manual evidence attached.';
    return `No automated check covered this control in this run.${evidence}`;
  }
  const n = c.counts;
  return `${c.checks.length} checks over ${c.resources.length} resources: ${n.pass} pass, ${n.fail} fail, ${n.error} error, ${n.not_applicable} not applicable.`;
}
