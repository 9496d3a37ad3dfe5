import { existsSync } from 'node:fs';
import path from 'node:path';
import { createColors } from 'picocolors';
import { loadConfig } from '../../config/config.js';
import { UsageError } from '../../core/errors.js';
import { diffRuns, type RunDiff } from '../../history/diff.js';
import { completeRuns, listRunFolders, readRun } from '../../history/runs.js';
import { RUN_ID } from '../../evidence/run-folder.js';
import { colourEnabled, type CliIO } from '../io.js';

export interface HistoryFlags {
  out?: string;
  config?: string;
  json?: boolean;
}

function outOf(flags: HistoryFlags, io: CliIO): string {
  if (flags.out) return path.resolve(io.cwd, flags.out);
  return loadConfig(flags.config, io.cwd).config.out ?? path.resolve(io.cwd, 'evidence');
}

/** `annexa history`: the complete runs of --out, oldest first, with their gate verdicts and counts. */
export async function historyCommand(flags: HistoryFlags, io: CliIO): Promise<void> {
  const out = outOf(flags, io);
  const folders = await listRunFolders(out);
  const rows = completeRuns(folders).map(({ runId, manifest: m }) => ({
    runId,
    startedAt: m.startedAt,
    durationMs: m.durationMs,
    sandbox: m.scope.sandbox ?? null,
    targets: m.scope.targets.length,
    gate: m.gate ?? null,
    counts: m.counts,
    controls: m.controls,
  }));
  const incomplete = folders.filter((f) => !f.manifest).map((f) => f.runId);
  if (flags.json) {
    io.stdout.write(`${JSON.stringify({ out, runs: rows, incomplete }, null, 2)}\n`);
    return;
  }
  if (!rows.length) {
    io.stdout.write(`no complete run in ${out}\n`);
    return;
  }
  const c = createColors(colourEnabled(io));
  io.stdout.write(
    c.bold(
      `${'RUN'.padEnd(23)}  ${'GATE'.padEnd(7)}  ${'PASS'.padStart(5)} ${'FAIL'.padStart(5)} ${'ERROR'.padStart(5)} ${'N/A'.padStart(5)}  FAILING CONTROLS\n`,
    ),
  );
  for (const r of rows) {
    const gate = r.gate ? (r.gate.passed ? c.green('passed '.padEnd(7)) : c.red('FAILED'.padEnd(7))) : c.dim('-'.padEnd(7));
    const n = r.counts;
    io.stdout.write(
      `${r.runId}  ${gate}  ${String(n.pass).padStart(5)} ${String(n.fail).padStart(5)} ${String(n.error).padStart(5)} ${String(n.not_applicable).padStart(5)}  ${r.controls.fail}\n`,
    );
  }
  io.stdout.write(
    c.dim(
      `${rows.length} complete runs in ${out}${incomplete.length ? `; ${incomplete.length} incomplete (no manifest, never evidence)` : ''}\n`,
    ),
  );
}

/** `annexa diff [RUN_A] [RUN_B]`: by default the last two complete runs of --out. */
export async function diffCommand(runA: string | undefined, runB: string | undefined, flags: HistoryFlags, io: CliIO): Promise<void> {
  const out = outOf(flags, io);
  const complete = completeRuns(await listRunFolders(out));
  const resolve = (ref: string) => {
    if (RUN_ID.test(ref)) {
      const found = complete.find((f) => f.runId === ref);
      if (!found) throw new UsageError(`${ref}: no complete run with this id in ${out}`);
      return found.dir;
    }
    const dir = path.resolve(io.cwd, ref);
    if (!existsSync(path.join(dir, 'manifest.json'))) throw new UsageError(`${ref}: not a complete run folder (no manifest.json)`);
    return dir;
  };
  let dirs: [string, string];
  if (runA && runB) dirs = [resolve(runA), resolve(runB)];
  else if (runA) dirs = [resolve(runA), lastOf(complete, out, 1)[0]];
  else dirs = lastOf(complete, out, 2);
  const diff = diffRuns(await readRun(dirs[0]), await readRun(dirs[1]));
  io.stdout.write(flags.json ? `${JSON.stringify(diff, null, 2)}\n` : renderDiff(diff, colourEnabled(io)));
}

function lastOf<N extends 1 | 2>(complete: { dir: string }[], out: string, n: N): N extends 1 ? [string] : [string, string] {
  if (complete.length < n)
    throw new UsageError(
      `${out} holds ${complete.length} complete run${complete.length === 1 ? '' : 's'}; diff needs two (or name them: annexa diff RUN_A RUN_B)`,
    );
  return complete.slice(-n).map((f) => f.dir) as N extends 1 ? [string] : [string, string];
}

function renderDiff(d: RunDiff, colour: boolean): string {
  const c = createColors(colour);
  const lines = [c.bold(`annexa diff ${d.from} → ${d.to}`), ''];
  if (d.controls.length) {
    lines.push(c.bold('Controls'));
    for (const x of d.controls)
      lines.push(
        `  ${(x.regressed ? c.red : c.dim)(x.regressed ? 'regressed' : 'changed  ')}  ${x.id.padEnd(7)} ${x.from} → ${x.to}  ${c.dim(x.title)}${x.checks.length ? c.dim(` (${x.checks.join(', ')})`) : ''}`,
      );
    lines.push('');
  }
  const kinds = [
    ['newly failing', 'newlyFailing', c.red],
    ['fixed', 'fixed', c.green],
    ['newly erroring', 'newlyErroring', c.yellow],
    ['appeared', 'appeared', c.dim],
    ['disappeared', 'disappeared', c.dim],
  ] as const;
  for (const check of d.checks) {
    lines.push(c.bold(check.checkId));
    for (const [label, key, paint] of kinds) for (const resource of check[key]) lines.push(`  ${paint(label.padEnd(14))}  ${resource}`);
  }
  const t = d.totals;
  lines.push(
    '',
    `${t.newlyFailing} newly failing · ${t.fixed} fixed · ${t.newlyErroring} newly erroring · ${t.appeared} appeared · ${t.disappeared} disappeared · ${t.regressedControls} controls regressed`,
  );
  return `${lines.join('\n')}\n`;
}
