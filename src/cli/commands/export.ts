import path from 'node:path';
import { EXIT, ExitError } from '../../core/errors.js';
import type { FrameworkId } from '../../core/frameworks.js';
import { writeAtomic } from '../../evidence/files.js';
import { writeBundle } from '../../export/bundle.js';
import { toCsv } from '../../export/csv.js';
import { toHtml } from '../../export/html.js';
import { toOcsf } from '../../export/ocsf.js';
import { toOscal } from '../../export/oscal.js';
import { assess, readRunFolder, type Assessment } from '../../export/run-view.js';
import type { CliIO } from '../io.js';

export type ExportFormat = 'oscal' | 'html' | 'bundle' | 'csv' | 'ocsf';

export interface ExportFlags {
  format: ExportFormat;
  output?: string;
  framework?: FrameworkId;
  publicKey?: string;
}

const RENDER: Record<Exclude<ExportFormat, 'bundle'>, (a: Assessment) => string> = {
  oscal: (a) => `${JSON.stringify(toOscal(a), null, 2)}\n`,
  html: toHtml,
  csv: toCsv,
  ocsf: toOcsf,
};

/**
 * `annexa export RUN_DIR --format F`: a text format goes to stdout or
 * --output; a bundle to --output or ./annexa-<runId>.tar.gz. A run folder
 * that no longer matches its manifest is not exported: its verdicts could
 * be anyone's.
 */
export async function exportCommand(runDir: string, flags: ExportFlags, io: CliIO): Promise<void> {
  const dir = path.resolve(io.cwd, runDir);
  const run = await readRunFolder(dir);
  if (run.integrity.length)
    throw new ExitError(EXIT.gateFailed, `${runDir} does not match its manifest, not exported: ${run.integrity.join('; ')}`);
  const assessment = assess(run, flags.framework);
  const output = flags.output && path.resolve(io.cwd, flags.output);
  if (flags.format === 'bundle') {
    const file = output ?? path.join(io.cwd, `annexa-${run.manifest.runId}.tar.gz`);
    await writeBundle(assessment, file, { publicKey: flags.publicKey && path.resolve(io.cwd, flags.publicKey) });
    io.stdout.write(`${file}\n`);
    return;
  }
  const text = RENDER[flags.format](assessment);
  if (!output) {
    io.stdout.write(text);
    return;
  }
  await writeAtomic(output, text);
  io.stdout.write(`${output}\n`);
}
