import path from 'node:path';
import { EXIT, ExitError } from '../../core/errors.js';
import type { FrameworkId } from '../../core/frameworks.js';
import { writeAtomic } from '../../evidence/files.js';
import { readPublicKey } from '../../evidence/sign.js';
import { verifyRun } from '../../evidence/verify.js';
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
  checksDir?: string[];
}

/** The formats an auditor reads as a document: they state what verification found when they were made. */
const VERIFIED_FORMATS: ReadonlySet<ExportFormat> = new Set(['html', 'bundle']);

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
 * be anyone's. The HTML report (alone or in a bundle) also carries what
 * `annexa verify` finds — chain, signature, re-evaluated results — so a
 * reader sees whether the evidence held when the report was made.
 */
export async function exportCommand(runDir: string, flags: ExportFlags, io: CliIO): Promise<void> {
  const dir = path.resolve(io.cwd, runDir);
  const run = await readRunFolder(dir);
  if (run.integrity.length)
    throw new ExitError(EXIT.gateFailed, `${runDir} does not match its manifest, not exported: ${run.integrity.join('; ')}`);
  const abs = (p: string) => path.resolve(io.cwd, p);
  const verification = VERIFIED_FORMATS.has(flags.format)
    ? await verifyRun(dir, {
        publicKey: flags.publicKey ? readPublicKey(abs(flags.publicKey)) : undefined,
        checksDirs: flags.checksDir?.map(abs),
      })
    : null;
  const assessment = assess(run, flags.framework, verification);
  const output = flags.output && abs(flags.output);
  if (flags.format === 'bundle') {
    const file = output ?? path.join(io.cwd, `annexa-${run.manifest.runId}.tar.gz`);
    await writeBundle(assessment, file, { publicKey: flags.publicKey && abs(flags.publicKey) });
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
