// `npm run bench tls-vs-testssl` (or `npx tsx bench/tls-vs-testssl.ts [endpoint …]`): scans the acme
// sandbox's TLS endpoints with annexa and with Debian's testssl.sh, one endpoint at a time, and prints
// per endpoint the protocol and weak-cipher verdicts of each tool, whether they agree, and the wall
// time of each. STARTTLS endpoints (smtp, imap, postgres …) are scanned with `--starttls PROTOCOL`; a server
// that never upgrades counts as agreeing when both tools say plaintext only. Skipped (exit 0) when
// testssl.sh is not installed. Reports figures; asserts nothing.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { FactStore } from '../src/core/facts.js';
import { Pools } from '../src/core/pools.js';
import type { Target } from '../src/core/types.js';
import { tlsProvider } from '../src/providers/tls/provider.js';
import type { SuitesFact, TlsTargetOptions } from '../src/providers/tls/types.js';
import { findTestssl, runTestssl, startAcmeTls } from './tls/testssl.js';

const VERSIONS = ['SSLv3', 'TLSv1.0', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'] as const;
const TESTSSL_VERSION_IDS: Record<string, string> = {
  SSLv3: 'SSLv3',
  'TLSv1.0': 'TLS1',
  'TLSv1.1': 'TLS1_1',
  'TLSv1.2': 'TLS1_2',
  'TLSv1.3': 'TLS1_3',
};
/** testssl.sh `--std` cipher categories and the annexa weakness flags that fall in each. */
const CATEGORIES: Record<string, (weak: string[]) => boolean> = {
  NULL: (w) => w.includes('null') && !w.includes('anon'),
  aNULL: (w) => w.includes('anon'),
  EXPORT: (w) => w.includes('export') && !w.includes('anon') && !w.includes('null'),
  LOW: (w) => (w.includes('rc4') || w.includes('des')) && !w.includes('export') && !w.includes('anon'),
  '3DES_IDEA': (w) => w.includes('3des') && !w.includes('anon'),
  // testssl.sh's AVERAGE: "obsolete CBC ciphers (AES, ARIA etc.)", i.e. CBC suites not in a category above.
  AVERAGE: (w) => w.includes('cbc') && !['null', 'anon', 'export', 'rc4', 'des', '3des'].some((x) => w.includes(x)),
};

interface Verdicts {
  accepted: string[];
  weak: string[];
  /** The server never upgraded to TLS (STARTTLS not offered). */
  plaintext: boolean;
  ms: number;
}

/** testssl.sh's --starttls names; message submission is SMTP to it. */
const TESTSSL_STARTTLS: Record<string, string> = { submission: 'smtp' };

const log = pino({ level: 'silent' });
const runtime = { log, env: process.env, callTimeoutMs: 10_000 };

/** What annexa collects for the protocol and suite verdicts (plus handshake and HSTS, as a scan does). */
async function annexa(target: Target<TlsTargetOptions>): Promise<Verdicts> {
  const t0 = performance.now();
  const facts = tlsProvider.facts(target, new FactStore(new Pools()), runtime);
  if (target.options.starttls && !(await facts.starttls()).offered) {
    return { accepted: [], weak: [], plaintext: true, ms: performance.now() - t0 };
  }
  const [protocols] = await Promise.all([
    facts.protocols(),
    facts.handshake().catch(() => null),
    target.options.kind === 'https' ? facts.hsts().catch(() => null) : null,
  ]);
  const suites: SuitesFact[] = await Promise.all(protocols.accepted.map((v) => facts.suites(v)));
  const flags = suites.flatMap((s) => s.accepted.map((a) => a.weak));
  const weak = Object.entries(CATEGORIES)
    .filter(([, inCategory]) => flags.some(inCategory))
    .map(([c]) => c);
  return { accepted: protocols.accepted, weak, plaintext: false, ms: performance.now() - t0 };
}

/** testssl.sh `-p -s` (protocols and standard cipher categories) on one endpoint, JSON out; `--starttls … -p` where it upgrades. */
async function testssl(
  bin: string,
  target: Target<TlsTargetOptions>,
  dir: string,
): Promise<Omit<Verdicts, 'weak'> & { weak: string[] | null; raw: string }> {
  const file = path.join(dir, `${target.options.port}.json`);
  const name = target.options.servername ?? target.options.host;
  const starttls = target.options.starttls;
  const options = [
    ...(starttls ? ['--starttls', TESTSSL_STARTTLS[starttls] ?? starttls] : []),
    '-p',
    // STARTTLS scans redo the dialogue on every connection, which makes testssl.sh's -s minutes long: protocols only
    ...(starttls ? [] : ['-s']),
    '--jsonfile',
    file,
  ];
  const { ms } = await runTestssl(bin, { ip: target.options.host, name, port: target.options.port }, options);
  const findings = JSON.parse(readFileSync(file, 'utf8')) as Array<{ id: string; finding: string }>;
  const offered = (id: string) => /^offered/.test(findings.find((f) => f.id === id)?.finding ?? '');
  // testssl.sh 3.0.8 says so in optimal_proto when the server does not upgrade (and may stop with a scan problem)
  const plaintext =
    Boolean(starttls) &&
    findings.some(
      (f) =>
        (f.id === 'optimal_proto' && /doesn't seem to be a TLS\/SSL enabled server/.test(f.finding)) ||
        (f.id === 'scanProblem' && /STARTTLS/i.test(f.finding)),
    );
  return {
    accepted: VERSIONS.filter((v) => offered(TESTSSL_VERSION_IDS[v] ?? v)),
    weak: starttls ? null : Object.keys(CATEGORIES).filter((c) => offered(`cipherlist_${c}`)),
    plaintext,
    ms,
    raw: file,
  };
}

const list = (xs: string[]) => (xs.length ? xs.join(',') : '-');
const legacy = (v: Pick<Verdicts, 'accepted'>) => v.accepted.some((x) => ['SSLv3', 'TLSv1.0', 'TLSv1.1'].includes(x));
/** The protocol verdict as one string: plaintext only, or the accepted versions and whether a legacy one is among them. */
const verdict = (v: Pick<Verdicts, 'accepted' | 'plaintext'>) =>
  v.plaintext ? 'plaintext only FAIL' : `${list(v.accepted)} ${legacy(v) ? 'FAIL' : 'ok'}`;

async function main(): Promise<void> {
  const bin = findTestssl();
  if (!bin) {
    console.log('tls-vs-testssl: skipped, testssl.sh is not installed (Debian: apt-get install testssl.sh)');
    return;
  }
  const version = /testssl\S*\s+([\d.]+\S*)/.exec(spawnSync(bin, ['--version'], { encoding: 'utf8' }).stdout)?.[1] ?? '?';
  const wanted = process.argv.slice(2);
  const sandbox = await startAcmeTls();
  const dir = mkdtempSync(path.join(tmpdir(), 'annexa-testssl-'));
  const rows: string[][] = [];
  let agreeProto = 0;
  let agreeWeak = 0;
  let comparedWeak = 0;
  let totalA = 0;
  let totalT = 0;
  try {
    const names = Object.keys(sandbox.endpoints).filter((n) => !wanted.length || wanted.includes(n));
    console.log(
      `annexa vs testssl.sh ${version} (-p -s) on ${names.length} acme sandbox endpoints, one at a time; node ${process.version}`,
    );
    for (const name of names) {
      const target = sandbox.targets.find((t) => `127.0.0.1:${t.options.port}` === sandbox.endpoints[name])!;
      const a = await annexa(target);
      const t = await testssl(bin, target, dir);
      const sameProto = verdict(a) === verdict(t);
      const sameWeak = t.weak === null ? null : list(a.weak) === list(t.weak);
      comparedWeak += Number(sameWeak !== null);
      agreeProto += Number(sameProto);
      agreeWeak += Number(sameWeak === true);
      totalA += a.ms;
      totalT += t.ms;
      rows.push([
        target.options.starttls ? `${name} (${target.options.starttls})` : name,
        verdict(a),
        verdict(t),
        sameProto ? 'yes' : 'NO',
        list(a.weak),
        t.weak === null ? '(not run)' : list(t.weak),
        sameWeak === null ? '-' : sameWeak ? 'yes' : 'NO',
        `${(a.ms / 1000).toFixed(2)}s`,
        `${(t.ms / 1000).toFixed(1)}s`,
        `${(t.ms / a.ms).toFixed(0)}x`,
      ]);
    }
    const head = [
      'endpoint',
      'protocols annexa',
      'protocols testssl',
      'agree',
      'weak annexa',
      'weak testssl',
      'agree',
      'annexa',
      'testssl',
      'ratio',
    ];
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)));
    for (const r of [head, ...rows]) console.log(r.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  '));
    console.log(
      `agreement: protocols ${agreeProto}/${rows.length}, weak-cipher categories ${agreeWeak}/${comparedWeak}; ` +
        `wall time: annexa ${(totalA / 1000).toFixed(2)}s, testssl.sh ${(totalT / 1000).toFixed(1)}s, ratio ${(totalT / totalA).toFixed(0)}x`,
    );
  } finally {
    await sandbox.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
