import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ManualEvidence } from '../core/controls.js';
import { UsageError } from '../core/errors.js';
import { sha256 } from './files.js';

/** One file the config attaches to a control: `evidence.manual` in annexa.config.yaml. */
export interface ManualEvidenceEntry {
  control: string;
  file: string;
  description?: string;
}

export const MANUAL_DIR = 'manual';

/**
 * Reads the attached files before the scan, so that a missing one stops the
 * run (exit 2) instead of leaving a control silently without its evidence.
 * Each is copied to `manual/<control>/<name>` in the run folder.
 */
export async function readManualEvidence(
  entries: ManualEvidenceEntry[],
  controlIds: ReadonlySet<string>,
): Promise<{ files: Record<string, Buffer>; byControl: Map<string, ManualEvidence[]> }> {
  const files: Record<string, Buffer> = {};
  const byControl = new Map<string, ManualEvidence[]>();
  for (const entry of entries) {
    if (!controlIds.has(entry.control)) throw new UsageError(`evidence.manual: unknown control ${entry.control} (expected an Annex A id like A.5.1)`);
    let content: Buffer;
    try {
      content = await readFile(entry.file);
    } catch (err) {
      throw new UsageError(`evidence.manual: cannot read ${entry.file} for ${entry.control}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
    const name = freeName(files, `${MANUAL_DIR}/${entry.control}`, path.basename(entry.file));
    files[name] = content;
    const evidence: ManualEvidence = { path: name, sha256: sha256(content), bytes: content.length, ...(entry.description ? { description: entry.description } : {}) };
    byControl.set(entry.control, [...(byControl.get(entry.control) ?? []), evidence]);
  }
  return { files, byControl };
}

/** `dir/name`, or `dir/stem-2.ext` and on when two attached files share a name. */
function freeName(taken: Record<string, unknown>, dir: string, name: string): string {
  const ext = path.extname(name);
  const stem = name.slice(0, name.length - ext.length);
  let candidate = `${dir}/${name}`;
  for (let n = 2; candidate in taken; n++) candidate = `${dir}/${stem}-${n}${ext}`;
  return candidate;
}
