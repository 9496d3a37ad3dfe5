import type { Logger } from 'pino';
import type { RunDiff } from './diff.js';

const TIMEOUT_MS = 10_000;

/** The JSON posted to `--notify-webhook`: the drift, with a Slack-compatible `text`. */
export function driftPayload(diff: RunDiff, evidenceDir?: string) {
  const regressed = diff.controls.filter((c) => c.regressed);
  const lines = regressed.map((c) => `• ${c.id} ${c.title}: ${c.from} → ${c.to} (${c.checks.join(', ') || 'no check changed'})`);
  const t = diff.totals;
  return {
    text: [
      `annexa: ${regressed.length} Annex A control${regressed.length === 1 ? '' : 's'} regressed in run ${diff.to}`,
      ...lines,
      `${t.newlyFailing} newly failing, ${t.fixed} fixed, ${t.newlyErroring} newly erroring since ${diff.from}`,
    ].join('\n'),
    runId: diff.to,
    previousRunId: diff.from,
    regressedControls: regressed.map(({ id, title, from, to, checks }) => ({ id, title, from, to, checks })),
    totals: t,
    checks: diff.checks,
    ...(evidenceDir ? { evidence: evidenceDir } : {}),
  };
}

/**
 * Posts the drift summary when a control regressed. A notification that
 * fails is logged and never changes the scan's outcome: the run is already
 * written. Returns whether a notification was delivered.
 */
export async function notifyDrift(url: string, diff: RunDiff, log: Logger, evidenceDir?: string): Promise<boolean> {
  if (!diff.controls.some((c) => c.regressed)) return false;
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'annexa' },
      body: JSON.stringify(driftPayload(diff, evidenceDir)),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    log.info({ webhook: new URL(url).origin, status: res.status }, 'drift notification sent');
    return true;
  } catch (err) {
    const cause = (err as Error & { cause?: { code?: string } }).cause?.code;
    log.error({ webhook: new URL(url).origin, reason: cause ?? (err as Error).message }, 'drift notification failed');
    return false;
  }
}
