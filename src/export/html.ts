import type { Result } from '../core/types.js';
import { MANIFEST } from '../evidence/run-folder.js';
import { SIGNATURE_STATUS } from '../evidence/verify.js';
import { resultsOf, statusCounts, type Assessment, type ControlView, type VerificationView, type ViewStatus } from './run-view.js';
import { textOf } from '../core/text.js';

/**
 * Everything that reaches the page goes through here: results carry data
 * from the audited systems (bucket names, repository names, certificate
 * subjects), which an attacker may control.
 */
export function escapeHtml(value: unknown): string {
  return textOf(value ?? '').replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
}
const e = escapeHtml;

/** Observed values longer than this are cut in the page; results.json holds them whole. */
const OBSERVED_LIMIT = 4000;

const STATUS_ORDER: ViewStatus[] = ['pass', 'fail', 'error', 'not_applicable', 'manual', 'excluded'];
const STATUS_LABEL: Record<ViewStatus, string> = {
  pass: 'Automated: pass',
  fail: 'Automated: fail',
  error: 'Automated: error',
  not_applicable: 'Automated: not applicable',
  manual: 'Manual',
  excluded: 'Excluded',
};
const COLOUR: Record<ViewStatus, string> = {
  pass: '#2e7d32',
  fail: '#c62828',
  error: '#ef6c00',
  not_applicable: '#78909c',
  manual: '#b0bec5',
  excluded: '#e0e0e0',
};

const CSS = `
:root { color-scheme: light; --ink: #1b1f24; --dim: #57606a; --line: #d0d7de; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); margin: 0 auto; max-width: 1100px; padding: 24px; }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 18px; margin: 28px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 15px; margin: 20px 0 6px; } h4 { font-size: 14px; margin: 8px 0 4px; }
.dim { color: var(--dim); } code, pre { font: 12px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
pre { white-space: pre-wrap; word-break: break-all; margin: 0; max-height: 16em; overflow: auto; background: #f6f8fa; padding: 4px 6px; }
table { border-collapse: collapse; width: 100%; margin: 6px 0; } th, td { text-align: left; vertical-align: top; padding: 4px 6px; border-bottom: 1px solid var(--line); }
th { font-weight: 600; background: #f6f8fa; } td.num, th.num { text-align: right; } td { overflow-wrap: anywhere; }
.verdict { display: inline-block; padding: 6px 12px; border-radius: 4px; color: #fff; font-weight: 700; font-size: 16px; }
.badge { display: inline-block; padding: 1px 7px; border-radius: 10px; font-size: 12px; font-weight: 600; color: #fff; white-space: nowrap; }
.badge.manual, .badge.excluded { color: var(--ink); }
.control { border: 1px solid var(--line); border-radius: 6px; padding: 8px 12px; margin: 10px 0; }
.control > header { display: flex; gap: 10px; align-items: baseline; flex-wrap: wrap; }
.meta td:first-child { width: 210px; color: var(--dim); }
.problem { color: #c62828; font-weight: 600; }
svg text { font: 12px system-ui, sans-serif; }
@page { size: A4; margin: 14mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  .verdict, .badge, svg rect, th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  h2 { break-after: avoid; } .control, tr, figure { break-inside: avoid; }
  pre { max-height: none; overflow: visible; }
}
`;

const badge = (s: ViewStatus, text = STATUS_LABEL[s]) => `<span class="badge ${s}" style="background:${COLOUR[s]}">${e(text)}</span>`;
/** A single result's verdict: the word annexa recorded. */
const verdict = (s: Result['status']) => badge(s, s.replace('_', ' '));
const label = (theme: string) => theme.charAt(0).toUpperCase() + theme.slice(1);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Coverage by theme (clause, function) as stacked bars; a table beside it gives the same figures as text. */
function coverageChart(controls: ControlView[]): string {
  const groups = [...new Set(controls.map((c) => c.theme))];
  const labelWidth = 230;
  const barWidth = 560;
  const row = 26;
  const max = Math.max(...groups.map((g) => controls.filter((c) => c.theme === g).length));
  const bars = groups.map((g, i) => {
    const counts = statusCounts(controls.filter((c) => c.theme === g));
    const total = Object.values(counts).reduce((n, v) => n + v, 0);
    let x = labelWidth;
    const y = i * row + 4;
    const rects = STATUS_ORDER.filter((s) => counts[s]).map((s) => {
      const w = (counts[s] / max) * barWidth;
      const rect = `<rect x="${x.toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="18" fill="${COLOUR[s]}"><title>${e(`${label(g)}: ${counts[s]} ${STATUS_LABEL[s]}`)}</title></rect>`;
      x += w;
      return rect;
    });
    return `<text x="${labelWidth - 8}" y="${y + 13}" text-anchor="end">${e(label(g).slice(0, 34))}</text>${rects.join('')}<text x="${(x + 6).toFixed(1)}" y="${y + 13}">${total}</text>`;
  });
  const legendY = groups.length * row + 14;
  const legend = STATUS_ORDER.map((s, i) => {
    const x = (i % 3) * 250 + labelWidth - 120;
    const y = legendY + Math.floor(i / 3) * 20;
    return `<rect x="${x}" y="${y}" width="12" height="12" fill="${COLOUR[s]}"/><text x="${x + 18}" y="${y + 11}">${e(STATUS_LABEL[s])}</text>`;
  });
  const height = legendY + 44;
  return `<svg role="img" aria-label="Controls by status and group" viewBox="0 0 ${labelWidth + barWidth + 60} ${height}" width="100%" style="max-width:${labelWidth + barWidth + 60}px">${bars.join('')}${legend.join('')}</svg>`;
}

function coverageTable(controls: ControlView[]): string {
  const groups = [...new Set(controls.map((c) => c.theme))];
  const head = `<tr><th></th>${STATUS_ORDER.map((s) => `<th class="num">${e(STATUS_LABEL[s])}</th>`).join('')}<th class="num">Total</th></tr>`;
  const line = (name: string, list: ControlView[], bold = false) => {
    const n = statusCounts(list);
    const cell = (v: string | number) => (bold ? `<strong>${v}</strong>` : v);
    return `<tr><td>${cell(e(name))}</td>${STATUS_ORDER.map((s) => `<td class="num">${cell(n[s])}</td>`).join('')}<td class="num">${cell(list.length)}</td></tr>`;
  };
  return `<table>${head}${groups
    .map((g) =>
      line(
        label(g),
        controls.filter((c) => c.theme === g),
      ),
    )
    .join('')}${line('All controls', controls, true)}</table>`;
}

function observed(r: Result): string {
  if (r.observed === undefined) return '<span class="dim">none recorded</span>';
  const text = JSON.stringify(r.observed, null, 2);
  const cut = text.length > OBSERVED_LIMIT;
  return `<pre>${e(cut ? text.slice(0, OBSERVED_LIMIT) : text)}</pre>${cut ? '<span class="dim">… cut here; results.json holds the whole value</span>' : ''}`;
}

function waiverText(r: Result): string {
  const w = r.waiver;
  if (!w) return '';
  return `<div><strong>Waived</strong> until ${e(w.expires)}${w.approvedBy ? `, approved by ${e(w.approvedBy)}` : ''}${w.ticket ? ` (${e(w.ticket)})` : ''}: ${e(w.reason)}</div>`;
}

function resultRows(results: Result[]): string {
  if (!results.length) return '<p class="dim">No result: the check ran over no resource of this run.</p>';
  const rows = results.map(
    (r) =>
      `<tr><td><code>${e(r.resource)}</code></td><td>${verdict(r.status)}</td><td>${e(r.severity)}</td><td>${e(r.message)}${waiverText(r)}</td><td>${observed(r)}</td></tr>`,
  );
  return `<table><tr><th>Resource</th><th>Verdict</th><th>Severity</th><th>Message</th><th>Observed values</th></tr>${rows.join('')}</table>`;
}

type Freshness = NonNullable<ControlView['freshness']>;

/** Why a control's evidence is too old, in the terms of the config's maximum evidence age. */
function freshnessText(f: Freshness): string {
  const newest = f.newestPass
    ? `its newest passing evidence is ${plural(f.ageDays ?? 0, 'day')} old (run ${f.newestPass.runId})`
    : 'no run of this output folder has passing evidence for it';
  return `Evidence too old: ${newest}; at most ${plural(f.maxAgeDays, 'day')} allowed.`;
}

const staleBadge = (c: ControlView) =>
  c.freshness?.stale ? ` <span class="badge" style="background:${COLOUR.error}">Stale evidence</span>` : '';

function controlSection(a: Assessment, c: ControlView): string {
  const parts = [`<header><strong>${e(c.id)}</strong><span>${e(c.title)}</span>${badge(c.status)}${staleBadge(c)}</header>`];
  if (c.freshness?.stale) parts.push(`<p class="problem">${e(freshnessText(c.freshness))}</p>`);
  if (c.status === 'excluded')
    parts.push(
      `<p><strong>Excluded</strong> (Statement of Applicability): ${e(c.exclusion?.justification ?? 'no justification recorded')}</p>`,
    );
  if (c.manualEvidence?.length) {
    parts.push(
      `<h4>Manual evidence</h4><table><tr><th>File</th><th>Description</th><th class="num">Bytes</th><th>sha256</th></tr>${c.manualEvidence
        .map(
          (m) =>
            `<tr><td><code>${e(m.path)}</code></td><td>${e(m.description ?? '')}</td><td class="num">${e(m.bytes)}</td><td><code>${e(m.sha256)}</code></td></tr>`,
        )
        .join('')}</table>`,
    );
  } else if (c.status === 'manual') {
    parts.push(
      '<p class="dim">No automated check covered this control in this run, and no manual evidence is attached: its evidence must come from elsewhere.</p>',
    );
  }
  for (const link of c.links) {
    parts.push(
      `<h4><code>${e(link.checkId)}</code>${a.run.titles[link.checkId] ? ` ${e(a.run.titles[link.checkId])}` : ''}</h4><p class="dim">Why this is evidence: ${e(link.rationale)}</p>${resultRows(resultsOf(a, link.checkId))}`,
    );
  }
  if (c.checksNotRun.length)
    parts.push(`<p class="dim">Mapped checks that did not run: ${c.checksNotRun.map((id) => `<code>${e(id)}</code>`).join(', ')}</p>`);
  return `<section class="control" id="${e(`control-${c.id}`)}">${parts.join('')}</section>`;
}

function metadata(a: Assessment): string {
  const m = a.run.manifest;
  const rows: [string, string][] = [
    ['Run', `<code>${e(m.runId)}</code>`],
    ['Started / finished', `${e(m.startedAt)} → ${e(m.finishedAt)} (${e((m.durationMs / 1000).toFixed(1))} s)`],
    ['Tool', `annexa ${e(m.tool.version)} on Node.js ${e(m.tool.node)}`],
    ['Framework', e(a.framework.name)],
    [
      'Targets',
      m.scope.targets.map((t) => `<code>${e(t.id)}</code>`).join(', ') +
        (m.scope.sandbox ? ` <span class="dim">(sandbox scenario ${e(m.scope.sandbox)})</span>` : ''),
    ],
    [
      'Collected by',
      m.collector.map((c) => `<code>${e(c.principal)}</code> <span class="dim">for ${e(c.target)}</span>`).join('<br>') ||
        '<span class="dim">no identity recorded</span>',
    ],
    ['Checks run', e(m.scope.checks.length)],
    [
      'Results',
      `${e(m.counts.pass)} pass · ${e(m.counts.fail)} fail · ${e(m.counts.error)} error · ${e(m.counts.not_applicable)} not applicable`,
    ],
    ['Configuration sha256', m.configHash ? `<code>${e(m.configHash)}</code>` : '<span class="dim">no configuration file</span>'],
  ];
  return `<table class="meta">${rows.map(([k, v]) => `<tr><td>${e(k)}</td><td>${v}</td></tr>`).join('')}</table>`;
}

/** What `annexa verify` found when the report was made: the same checks, in the same words. */
function verificationBlock(v: VerificationView): string {
  const r = v.reevaluation;
  const verdictLine = v.ok
    ? '<p><strong>Verified when this report was made:</strong> every hash, chain link, signature and result holds.</p>'
    : `<p class="problem">NOT verified when this report was made: ${plural(v.problems.length, 'problem')}.</p><ul>${v.problems.map((p) => `<li class="problem">${e(p)}</li>`).join('')}</ul>`;
  const rows: [string, string][] = [
    ['Files', `${e(v.files.matching)} of ${e(v.files.checked)} match their sha256`],
    ['Chain', `${e(plural(v.chain.runs, 'run'))} of the output folder checked link by link`],
    [
      'Signature',
      e(SIGNATURE_STATUS[v.signature.status]) +
        (v.signature.keyId ? ` <span class="dim">· key <code>${e(v.signature.keyId)}</code></span>` : ''),
    ],
    [
      'Results',
      r
        ? `${e(r.reproduced)} of ${e(r.results)} reproduced by re-evaluating ${e(plural(r.checks, 'check'))} over the run's own snapshot`
        : 'not re-evaluated',
    ],
  ];
  const notes = v.notes.length ? `<ul class="dim">${v.notes.map((n) => `<li>${e(n)}</li>`).join('')}</ul>` : '';
  return `${verdictLine}<table class="meta">${rows.map(([k, val]) => `<tr><td>${e(k)}</td><td>${val}</td></tr>`).join('')}</table>${notes}`;
}

function integritySection(a: Assessment): string {
  const { run } = a;
  const m = run.manifest;
  const files = Object.entries(m.files).map(
    ([name, f]) => `<tr><td><code>${e(name)}</code></td><td class="num">${e(f.bytes)}</td><td><code>${e(f.sha256)}</code></td></tr>`,
  );
  const integrity = run.integrity.length
    ? `<p class="problem">The files no longer match the manifest:</p><ul>${run.integrity.map((p) => `<li class="problem">${e(p)}</li>`).join('')}</ul>`
    : '<p>Every file of the run folder was re-hashed when this report was made and matches the manifest.</p>';
  const signature = a.verification
    ? ''
    : a.signature
      ? `<p>The manifest carries a <strong>${e(a.signature.algorithm)}</strong> signature by key <code>${e(a.signature.keyId)}</code>. This report does not check it: run <code>annexa verify RUN_DIR --public-key KEY</code>.</p>`
      : '<p><strong>Not signed.</strong> The hashes show the files are unchanged since the manifest was written, not who wrote it.</p>';
  const previous = m.previous
    ? `<code>${e(m.previous.runId)}</code>, manifest sha256 <code>${e(m.previous.manifestSha256)}</code>`
    : 'none (first run in its folder)';
  return `<h2 id="integrity">Hashes and signature</h2>${a.verification ? verificationBlock(a.verification) : integrity}
<table class="meta"><tr><td>${e(MANIFEST)} sha256</td><td><code>${e(run.manifestSha256)}</code></td></tr><tr><td>Previous run</td><td>${previous}</td></tr></table>
<table><tr><th>File</th><th class="num">Bytes</th><th>sha256 (from the manifest)</th></tr>${files.join('')}</table>${signature}`;
}

function waiversSection(a: Assessment): string {
  const waived = a.run.results.filter((r) => r.waiver);
  const excluded = a.controls.filter((c) => c.status === 'excluded');
  const waivers = waived.length
    ? `<table><tr><th>Check</th><th>Resource</th><th>Verdict</th><th>Reason</th><th>Approved by</th><th>Expires</th></tr>${waived
        .map((r) => {
          const w = r.waiver as NonNullable<Result['waiver']> & { ticket?: string };
          return `<tr><td><code>${e(r.checkId)}</code></td><td><code>${e(r.resource)}</code></td><td>${verdict(r.status)}</td><td>${e(w.reason)}${w.ticket ? ` <span class="dim">(${e(w.ticket)})</span>` : ''}</td><td>${e(w.approvedBy ?? '')}</td><td>${e(w.expires)}</td></tr>`;
        })
        .join('')}</table>`
    : '<p class="dim">No result is covered by a waiver.</p>';
  const soa = excluded.length
    ? `<table><tr><th>Control</th><th>Justification</th></tr>${excluded.map((c) => `<tr><td><strong>${e(c.id)}</strong> ${e(c.title)}</td><td>${e(c.exclusion?.justification ?? '')}</td></tr>`).join('')}</table>`
    : '<p class="dim">No control is excluded in the Statement of Applicability.</p>';
  return `<h2 id="waivers">Waivers</h2>${waivers}<h2 id="soa">Statement of Applicability: exclusions</h2>${soa}`;
}

function summarySentence(a: Assessment): string {
  const n = statusCounts(a.controls);
  const automated = n.pass + n.fail + n.error + n.not_applicable;
  const withEvidence = a.controls.filter((c) => c.status === 'manual' && c.manualEvidence?.length).length;
  return `Of the ${a.controls.length} controls of ${e(a.framework.name)}, ${plural(automated, 'control')} had automated evidence in this run (${n.pass} pass, ${n.fail} fail, ${n.error} could not be judged, ${n.not_applicable} not applicable); ${n.manual} are manual (${withEvidence} with attached evidence) and ${n.excluded} excluded.`;
}

/** What a reader must see before the details: evidence that did not verify, controls whose evidence is too old. */
function headerFlags(a: Assessment): string {
  const flags: string[] = [];
  if (a.verification && !a.verification.ok)
    flags.push(
      `<a href="#integrity">The run folder did not verify</a> (${plural(a.verification.problems.length, 'problem')}): its verdicts are not evidence until that is explained.`,
    );
  const stale = a.controls.filter((c) => c.freshness?.stale);
  if (stale.length)
    flags.push(
      `${plural(stale.length, 'control')} with evidence older than allowed: ${stale.map((c) => `<a href="#${e(`control-${c.id}`)}">${e(c.id)}</a>`).join(', ')}.`,
    );
  return flags.map((f) => `<p class="problem">${f}</p>`).join('\n');
}

/** The self-contained HTML report: no script, no external resource, and a policy that forbids loading any. */
export function toHtml(a: Assessment): string {
  const { gate } = a;
  const groups = [...new Set(a.controls.map((c) => c.theme))];
  const unmapped = a.unmapped.length
    ? `<p class="dim">Checks of this run that ${e(a.framework.name)} has no mapping for: ${a.unmapped.map((id) => `<code>${e(id)}</code>`).join(', ')}.</p>`
    : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(`annexa report: ${a.framework.name}, run ${a.run.manifest.runId}`)}</title>
<style>${CSS}</style>
</head>
<body>
<header>
<h1>Evidence report: ${e(a.framework.name)}</h1>
<p><span class="verdict" style="background:${gate.passed ? COLOUR.pass : COLOUR.fail}">Gate ${gate.passed ? 'passed' : 'failed'}</span> <span>${e(gate.reason)}</span> <span class="dim">(${e(gate.rule)})</span></p>
<p>${summarySentence(a)}</p>
${headerFlags(a)}
</header>
<h2 id="run">Run</h2>
${metadata(a)}
<h2 id="coverage">Coverage by ${a.framework.id === 'nist-csf-2.0' ? 'function' : a.framework.id === 'iso27001-2013' ? 'clause' : 'theme'}</h2>
<figure style="margin:0">${coverageChart(a.controls)}</figure>
${coverageTable(a.controls)}
${unmapped}
<h2 id="controls">Controls</h2>
${groups
  .map(
    (g) =>
      `<h3>${e(label(g))}</h3>${a.controls
        .filter((c) => c.theme === g)
        .map((c) => controlSection(a, c))
        .join('\n')}`,
  )
  .join('\n')}
${waiversSection(a)}
${integritySection(a)}
<footer><p class="dim">Generated by annexa ${e(a.run.manifest.tool.version)} from run folder <code>${e(a.run.manifest.runId)}</code>. The run folder, not this page, is the evidence: check it with <code>annexa verify</code>.</p></footer>
</body>
</html>
`;
}
