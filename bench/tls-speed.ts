// `npm run bench tls-speed` (or `npx tsx bench/tls-speed.ts [runs]`): speed as a user feels it. Serves
// acme's `www` endpoint on loopback and times, as whole processes, `annexa scan --tls 127.0.0.1:PORT`
// (the built CLI: `npm run build` first) against `testssl.sh -p -E -S` on the same endpoint, run in
// pairs (alternating which goes first), and prints each pair, the medians and their ratio. testssl.sh
// is optional (`apt-get install testssl.sh`); without it only annexa is timed. Reports; asserts nothing.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TlsTargetOptions } from '../src/providers/tls/types.js';
import { findTestssl, runTestssl, startAcmeTls, timed } from './tls/testssl.js';

const runs = Number(process.argv[2] ?? 5);
const root = path.join(import.meta.dirname, '..');
const cli = path.join(root, 'bin', 'annexa.js');
if (!existsSync(path.join(root, 'dist', 'src', 'cli.js'))) {
  console.log('tls-speed: skipped, no dist/ (run `npm run build` first)');
  process.exit(0);
}
// ANNEXA_BENCH_NO_TESTSSL=1 times annexa alone (testssl.sh takes minutes on a loaded machine)
const testssl = process.env.ANNEXA_BENCH_NO_TESTSSL ? null : findTestssl();

const sandbox = await startAcmeTls(['www']);
const target = sandbox.targets[0]!.options as TlsTargetOptions;
const dir = mkdtempSync(path.join(tmpdir(), 'annexa-tls-speed-'));
const caFile = path.join(dir, 'ca.pem');
writeFileSync(caFile, target.caPem ?? '');
const config = path.join(dir, 'annexa.config.yaml');
writeFileSync(
  config,
  `tls:\n  caFile: ${caFile}\n  endpoints:\n    - { host: 127.0.0.1, port: ${target.port}, sni: ${target.servername}, kind: https }\n`,
);

// the sandbox serves from this process: the tools run as child processes while its event loop stays free
const annexa = () => timed(process.execPath, [cli, 'scan', '--config', config, '--out', path.join(dir, 'evidence'), '--quiet']);
const other = () => runTestssl(testssl!, { ip: '127.0.0.1', name: target.servername!, port: target.port }, ['-p', '-E', '-S']);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const a: number[] = [];
const t: number[] = [];
try {
  for (let i = 0; i < runs; i++) {
    // alternate the order, so that neither tool always runs on a warm cache
    let ours;
    let theirs = null;
    if (i % 2 === 0 || !testssl) {
      ours = await annexa();
      if (testssl) theirs = await other();
    } else {
      theirs = await other();
      ours = await annexa();
    }
    a.push(ours.ms);
    if (theirs) t.push(theirs.ms);
    console.log(
      `run ${i + 1}: annexa ${ours.ms.toFixed(0)} ms (exit ${ours.status})` +
        (theirs ? `  testssl.sh -p -E -S ${theirs.ms.toFixed(0)} ms (exit ${theirs.status})` : ''),
    );
  }
  const am = median(a);
  console.log(
    `median of ${runs}: annexa ${am.toFixed(0)} ms` +
      (t.length ? `, testssl.sh ${median(t).toFixed(0)} ms, ratio ${(median(t) / am).toFixed(1)}×` : ' (testssl.sh not installed)'),
  );
} finally {
  await sandbox.stop();
  rmSync(dir, { recursive: true, force: true });
}
