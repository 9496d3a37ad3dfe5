import path from 'node:path';
import { UsageError } from '../core/errors.js';
import type { GateDecision } from '../core/gate.js';
import type { Run } from '../core/run.js';
import type { CheckMeta } from '../core/types.js';
import { renderJsonSummary } from './json.js';
import { renderJunit } from './junit.js';
import { COMMENT_MAX_BYTES, renderMarkdown } from './markdown.js';
import { renderSarif } from './sarif.js';

export const FORMATS = ['sarif', 'junit', 'markdown', 'json'] as const;
export type Format = (typeof FORMATS)[number];

/** The file each format is written to in the run folder. */
export const REPORT_FILE: Record<Format, string> = {
  sarif: 'results.sarif',
  junit: 'junit.xml',
  markdown: 'summary.md',
  json: 'summary.json',
};

const EXTENSIONS: [RegExp, Format][] = [
  [/\.sarif(\.json)?$/i, 'sarif'],
  [/\.xml$/i, 'junit'],
  [/\.(md|markdown)$/i, 'markdown'],
  [/\.json$/i, 'json'],
];

export function parseFormats(values: string[] = []): Format[] {
  for (const v of values)
    if (!(FORMATS as readonly string[]).includes(v)) throw new UsageError(`--format ${v}: expected one or more of ${FORMATS.join(', ')}`);
  return [...new Set(values as Format[])];
}

/**
 * `--output-file PATH`: with one format, the path is its copy; with several,
 * the extension says which (.sarif, .xml, .md, .json). A path that names no
 * format asked for is a usage error.
 */
export function outputFiles(paths: string[] = [], formats: Format[], cwd: string): Map<Format, string> {
  const files = new Map<Format, string>();
  for (const p of paths) {
    const format = formats.length === 1 ? formats[0] : EXTENSIONS.find(([re]) => re.test(p))?.[1];
    if (!format || !formats.includes(format)) {
      throw new UsageError(
        `--output-file ${p}: ${formats.length ? `cannot tell which of --format ${formats.join(',')} it is for (name it .sarif, .xml, .md or .json)` : 'needs --format'}`,
      );
    }
    if (files.has(format)) throw new UsageError(`--output-file ${p}: a second file for --format ${format}`);
    files.set(format, path.resolve(cwd, p));
  }
  return files;
}

export interface ReportContext {
  /** Repository-relative file that SARIF results point at. */
  sarifAnchor: string;
  /** The run folder the reports go into. */
  dir: string;
  now: Date;
}

/** Renders the formats asked for, by their file name in the run folder. */
export function renderReports(
  formats: Format[],
  run: Run,
  checks: CheckMeta[],
  gate: GateDecision,
  ctx: ReportContext,
): Record<string, string> {
  const render: Record<Format, () => string> = {
    sarif: () => `${JSON.stringify(renderSarif(run, checks, { anchor: ctx.sarifAnchor }), null, 2)}\n`,
    junit: () => renderJunit(run),
    markdown: () => renderMarkdown(run, { gate, maxBytes: COMMENT_MAX_BYTES, now: ctx.now }),
    json: () => renderJsonSummary(run, gate, { dir: ctx.dir }),
  };
  return Object.fromEntries(formats.map((f) => [REPORT_FILE[f], render[f]()]));
}
