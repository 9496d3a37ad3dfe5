import { LineCounter, isMap, isScalar, isSeq, parseDocument, type Node, type YAMLMap } from 'yaml';

/**
 * What github.repo.workflow-hardening finds in one workflow file, each
 * finding with its line. The YAML is parsed by a real parser (`yaml`), so
 * anchors, flow style and block scalars read as GitHub reads them.
 */
export type WorkflowRule = 'permissions' | 'untrusted-checkout' | 'script-injection' | 'unpinned-action';

export interface WorkflowFinding {
  path: string;
  line: number;
  rule: WorkflowRule;
  detail: string;
}

export interface WorkflowOptions {
  /** Owners whose actions need no SHA pin (e.g. the organisation and `actions`). */
  exemptOwners: string[];
}

/** The parse failure, or the findings. */
export type WorkflowAnalysis = { parseError: string } | { findings: WorkflowFinding[] };

/**
 * Event fields an outside contributor writes (titles, bodies, branch names,
 * commit messages, author names and e-mails), after GitHub Security Lab's
 * list of untrusted input; `*` stands for an array index.
 */
const UNTRUSTED = [
  /github\.event\.(issue|pull_request|discussion)\.(title|body)\b/,
  /github\.event\.(comment|review|review_comment)\.body\b/,
  /github\.event\.pages\.[^.\s}]+\.page_name\b/,
  /github\.event\.(commits\.[^.\s}]+|head_commit)\.(message|author\.(email|name))\b/,
  /github\.event\.pull_request\.head\.(ref|label|repo\.default_branch)\b/,
  /github\.event\.workflow_run\.(head_branch|display_title|head_commit\.(message|author\.(email|name))|pull_requests\.[^.\s}]+\.head\.ref)\b/,
  /github\.head_ref\b/,
];

/** A ref or command that names the pull request's own code rather than the base repository's. */
const PR_HEAD =
  /github\.event\.(pull_request\.head\.(sha|ref)|workflow_run\.head_(sha|branch))|github\.head_ref|refs\/pull\/|gh pr checkout|merge_commit_sha/;

/** Triggers that run with the base repository's secrets and write token on a contributor's event. */
const PRIVILEGED_TRIGGERS = ['pull_request_target', 'workflow_run'];

const FULL_SHA = /^[0-9a-f]{40}$/;

export function analyseWorkflow(path: string, text: string, options: WorkflowOptions): WorkflowAnalysis {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true });
  const first = doc.errors[0];
  if (first) return { parseError: (first.message.split('\n')[0] ?? first.message).replace(/:\s*$/, '') };
  const root = doc.contents;
  if (!isMap(root)) return { parseError: `the document is ${root === null ? 'empty' : 'not a mapping'}` };
  const lineOf = (node: unknown) => {
    const range = (node as Node | null | undefined)?.range;
    return range ? lines.linePos(range[0]).line : 1;
  };
  const findings: WorkflowFinding[] = [];
  const add = (node: unknown, rule: WorkflowRule, detail: string) => findings.push({ path, line: lineOf(node), rule, detail });

  const triggers = triggerNames(root.get('on', true));
  const privileged = triggers.filter((t) => PRIVILEGED_TRIGGERS.includes(t));
  const topPermissions = root.has('permissions');
  const jobs = root.get('jobs', true);
  if (!isMap(jobs)) return { findings };

  for (const pair of jobs.items) {
    const jobName = String(isScalar(pair.key) ? pair.key.value : pair.key);
    const job = pair.value;
    if (!isMap(job)) continue;
    // Judged against the organisation's default token by the check: harmless when that is read-only.
    if (!topPermissions && !job.has('permissions'))
      add(pair.key, 'permissions', `job "${jobName}" has no permissions: block and runs with the read-write default token`);
    // A job that calls a reusable workflow: `uses:` on the job itself.
    checkPin(job.get('uses', true), jobName);
    const steps = job.get('steps', true);
    if (!isSeq(steps)) continue;
    for (const step of steps.items) {
      if (!isMap(step)) continue;
      const uses = step.get('uses', true);
      checkPin(uses, jobName);
      const run = step.get('run', true);
      if (isScalar(run) && typeof run.value === 'string') {
        const hit = run.value.match(/\$\{\{([^}]*)\}\}/g)?.find((expr) => UNTRUSTED.some((re) => re.test(expr)));
        if (hit) add(run, 'script-injection', `job "${jobName}" puts ${hit} into a run: script`);
        if (privileged.length && PR_HEAD.test(run.value))
          add(
            run,
            'untrusted-checkout',
            `job "${jobName}" (on ${privileged.join(', ')}) checks out the pull request's code in a run: script`,
          );
      }
      if (privileged.length && isScalar(uses) && /^actions\/checkout@/i.test(String(uses.value))) {
        const ref = (step.get('with', true) as YAMLMap | undefined)?.get?.('ref', true);
        if (isScalar(ref) && PR_HEAD.test(String(ref.value)))
          add(ref, 'untrusted-checkout', `job "${jobName}" (on ${privileged.join(', ')}) checks out ${String(ref.value)}`);
      }
    }
  }
  return { findings };

  function checkPin(uses: unknown, jobName: string) {
    if (!isScalar(uses) || typeof uses.value !== 'string') return;
    const ref = uses.value.trim();
    if (ref.startsWith('./')) return;
    if (ref.startsWith('docker://')) {
      if (!/@sha256:[0-9a-f]{64}$/.test(ref)) add(uses, 'unpinned-action', `job "${jobName}" uses ${ref}, not pinned to an image digest`);
      return;
    }
    const at = ref.lastIndexOf('@');
    const owner = ref.split('/')[0]?.toLowerCase() ?? '';
    if (at > 0 && FULL_SHA.test(ref.slice(at + 1))) return;
    if (options.exemptOwners.some((o) => o.toLowerCase() === owner)) return;
    add(uses, 'unpinned-action', `job "${jobName}" uses ${ref}, not pinned to a full commit SHA`);
  }
}

/** `on:` as a string, a list of strings, or a map of events. */
function triggerNames(on: unknown): string[] {
  if (isScalar(on)) return [String(on.value)];
  if (isSeq(on)) return on.items.map((i) => String(isScalar(i) ? i.value : i));
  if (isMap(on)) return on.items.map((p) => String(isScalar(p.key) ? p.key.value : p.key));
  return [];
}
