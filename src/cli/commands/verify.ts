import path from 'node:path';
import { createColors } from 'picocolors';
import { EXIT, ExitError } from '../../core/errors.js';
import { readPublicKey } from '../../evidence/sign.js';
import { SIGNATURE_STATUS, verifyRun, type VerifyReport } from '../../evidence/verify.js';
import { colourEnabled, type CliIO } from '../io.js';

export interface VerifyFlags {
  publicKey?: string;
  checksDir?: string[];
  json?: boolean;
}

/** `annexa verify RUN_DIR`: exit 0 when everything holds, 1 naming what does not (ExitError), 2 when the folder cannot be read. */
export async function verifyCommand(runDir: string, flags: VerifyFlags, io: CliIO): Promise<void> {
  const abs = (p: string) => path.resolve(io.cwd, p);
  const report = await verifyRun(abs(runDir), {
    publicKey: flags.publicKey ? readPublicKey(abs(flags.publicKey)) : undefined,
    checksDirs: flags.checksDir?.map(abs),
  });
  io.stdout.write(flags.json ? `${JSON.stringify(report, null, 2)}\n` : renderReport(report, colourEnabled(io)));
  // The report already names each problem.
  if (!report.ok) throw new ExitError(EXIT.gateFailed);
}

function renderReport(report: VerifyReport, colour: boolean): string {
  const c = createColors(colour);
  const r = report.reevaluation;
  const lines = [
    c.bold(`annexa verify ${report.runId}`),
    `files       ${report.files.matching} of ${report.files.checked} match their sha256`,
    `chain       ${report.chain.runs} run(s) in ${path.dirname(report.dir)}`,
    `signature   ${SIGNATURE_STATUS[report.signature.status]}${report.signature.keyId ? c.dim(` · key ${report.signature.keyId}`) : ''}`,
    `results     ${r ? `${r.reproduced} of ${r.results} reproduced from snapshot.json by re-evaluating ${r.checks} check(s)` : 'not re-evaluated'}`,
  ];
  for (const note of report.notes) lines.push(c.dim(`note        ${note}`));
  if (report.ok) {
    lines.push(c.green('Verified: every hash, link, signature and result holds.'));
  } else {
    lines.push(c.red(`NOT verified: ${report.problems.length} problem(s)`));
    for (const p of report.problems) lines.push(`  ${p}`);
  }
  return `${lines.join('\n')}\n`;
}
