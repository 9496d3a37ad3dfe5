import { randomBytes } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { create as createTar } from 'tar';
import { UsageError } from '../core/errors.js';
import { sha256 } from '../evidence/files.js';
import { MANIFEST } from '../evidence/run-folder.js';
import { toHtml } from './html.js';
import { toOscal } from './oscal.js';
import type { Assessment } from './run-view.js';

export const BUNDLE_FILES = {
  report: 'report.html',
  oscal: 'oscal-assessment-results.json',
  publicKey: 'public-key.pem',
  verify: 'VERIFY.md',
  sums: 'SHA256SUMS',
} as const;

/**
 * A .tar.gz an auditor can take away: the run folder as it is, the HTML
 * report, the OSCAL export, the public key when the run is signed, a
 * SHA256SUMS of everything, and VERIFY.md saying how to check it.
 */
export async function writeBundle(a: Assessment, output: string, options: { publicKey?: string } = {}): Promise<{ files: string[] }> {
  const { manifest } = a.run;
  if (a.signature && !options.publicKey)
    throw new UsageError(`run ${manifest.runId} is signed: give --public-key FILE so that the bundle carries the key to check it with`);
  const top = `annexa-${manifest.runId}`;
  const staging = await mkdtemp(path.join(tmpdir(), 'annexa-bundle-'));
  try {
    const root = path.join(staging, top);
    const runDir = path.join(root, manifest.runId);
    await mkdir(runDir, { recursive: true });
    const runFiles = [MANIFEST, ...Object.keys(manifest.files)];
    for (const name of runFiles) {
      await mkdir(path.dirname(path.join(runDir, name)), { recursive: true });
      await copyFile(path.join(a.run.dir, name), path.join(runDir, name));
    }
    const extras: [string, string | Buffer][] = [
      [BUNDLE_FILES.report, toHtml(a)],
      [BUNDLE_FILES.oscal, `${JSON.stringify(toOscal(a), null, 2)}\n`],
    ];
    if (options.publicKey) {
      try {
        extras.push([BUNDLE_FILES.publicKey, await readFile(options.publicKey)]);
      } catch (err) {
        throw new UsageError(`--public-key ${options.publicKey}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
      }
    }
    for (const [name, data] of extras) await writeFile(path.join(root, name), data);
    const listed = [...extras.map(([name]) => name), ...runFiles.map((f) => `${manifest.runId}/${f}`)];
    const sums = [];
    for (const name of listed) sums.push(`${sha256(await readFile(path.join(root, name)))}  ${name}`);
    await writeFile(path.join(root, BUNDLE_FILES.sums), `${sums.join('\n')}\n`);
    await writeFile(path.join(root, BUNDLE_FILES.verify), verifyGuide(a, Boolean(options.publicKey)));

    const files = [BUNDLE_FILES.verify, BUNDLE_FILES.sums, ...listed].map((f) => `${top}/${f}`);
    const tmp = path.join(path.dirname(output), `.${path.basename(output)}.${randomBytes(6).toString('hex')}.tmp`);
    // One fixed time and no owner data: the same run bundles to the same bytes.
    await createTar({ gzip: true, file: tmp, cwd: staging, portable: true, mtime: new Date(manifest.finishedAt) }, files);
    await rename(tmp, output);
    return { files };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

function verifyGuide(a: Assessment, withKey: boolean): string {
  const m = a.run.manifest;
  const rows = Object.entries(m.files).map(([name, f]) => `| \`${name}\` | ${f.bytes} | \`${f.sha256}\` |`);
  return `# Verifying this evidence bundle

Run \`${m.runId}\`, collected by annexa ${m.tool.version} from ${m.startedAt} to ${m.finishedAt}.
The folder \`${m.runId}/\` is the evidence exactly as annexa wrote it; \`${BUNDLE_FILES.report}\` and
\`${BUNDLE_FILES.oscal}\` (${a.framework.name}) were generated from it and add nothing to it.

## With annexa

\`\`\`sh
npx annexa verify ${m.runId}${withKey ? ` --public-key ${BUNDLE_FILES.publicKey}` : ''}
\`\`\`

This re-hashes every file against \`manifest.json\`,${withKey ? " checks the manifest's signature with the bundled key," : ''} and
re-evaluates every check over the run's own \`snapshot.json\` to confirm the recorded results follow
from the data collected. ${m.previous ? `The manifest links to the previous run \`${m.previous.runId}\`, which is not in this bundle: annexa reports that link as a gap.` : 'This run is the first of its folder: it links to no previous run.'}

## With sha256sum only

\`\`\`sh
sha256sum -c ${BUNDLE_FILES.sums}
cd ${m.runId} && sha256sum ${Object.keys(m.files).join(' ')}
\`\`\`

The first command shows the bundle is as packed. The second prints the hash of each evidence file;
each must equal the value \`manifest.json\` records for it under \`files\`:

| file | bytes | sha256 |
| --- | ---: | --- |
${rows.join('\n')}

Anyone able to change the bundle can also rewrite these sums, so the anchor is the manifest itself:
its sha256 is \`${a.run.manifestSha256}\`. Compare it with a copy kept elsewhere (the next run's
\`previous.manifestSha256\`, a ticket, a signed record)${m.signature ? ", or check the manifest's signature" : ''}.
`;
}
