// `npm run bench -- scan-sandbox`: scans the bench estate (src/sandbox/generate/estate.ts) provider by provider,
// with the modelled latency and rate limits of docs/benchmark.md, and sets each against its theoretical bound.
// BENCH_PROVIDERS (default aws,github,tls), BENCH_SEED (1), BENCH_LATENCY_MS (20). Writes bench/results/estate-latest.json.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Pools } from '../src/core/pools.js';
import { AWS_QUOTAS } from '../src/sandbox/aws/rate-limits.js';
import type { AwsScenario } from '../src/sandbox/aws/scenario.js';
import { generateEstate } from '../src/sandbox/generate/estate.js';
import { DEFAULT_CONNECTIONS } from '../src/providers/tls/wire/connection-limit.js';
import { DEFAULT_PROBE_CONCURRENCY } from '../src/providers/tls/wire/gate.js';
import { GITHUB_SECONDARY } from '../src/sandbox/github/rate-model.js';
import type { GithubScenario } from '../src/sandbox/github/scenario.js';
import { efficiency, lowerBound, type Work } from './estate/bound.js';
import { BUILD_DIR, compileForBench } from './estate/compiled.js';
import { excess, minimumAws, minimumGithub, type Calls } from './estate/minimum.js';

interface Measured {
  provider: string;
  wallMs: number;
  cpuMs: number;
  peakRssMb: number;
  results: number;
  errors: number;
  errorSamples: string[];
  byOperation: Calls;
  distinctProbes: number;
  sandbox?: Record<string, unknown>;
}

const providers = (process.env.BENCH_PROVIDERS ?? 'aws,github,tls').split(',');
const seed = Number(process.env.BENCH_SEED ?? 1);
const latencyMs = Number(process.env.BENCH_LATENCY_MS ?? 20);
const pools = new Pools();
const sum = (calls: Calls, keep: (op: string) => boolean = () => true) =>
  Object.entries(calls).reduce((n, [op, c]) => n + (keep(op) ? c : 0), 0);

function awsWork(scenario: AwsScenario, minimum: Calls, chain: number): Work {
  const account = scenario.accounts[0]!;
  const services = [...new Set(Object.keys(minimum).map((op) => op.split(':')[0]!))];
  return {
    latencyMs,
    chain,
    pools: services.map((s) => ({
      name: `aws.${s}`,
      calls: sum(minimum, (op) => op.startsWith(`${s}:`)),
      concurrency: pools.size(`aws.${s}`),
    })),
    quotas: AWS_QUOTAS.map((q) => {
      const covered = sum(
        minimum,
        (op) => op.startsWith(`${q.service}:`) && (q.operations.includes('*') || q.operations.includes(op.split(':')[1]!)),
      );
      // Each bucket of the quota takes its share: KMS per region, S3 per bucket, IAM once per account.
      const buckets = q.per === 'bucket' ? Math.max(1, account.buckets?.length ?? 0) : q.service === 'iam' ? 1 : account.regions.length;
      const perOperation = q.shared ? 1 : Math.max(1, q.operations.length);
      return {
        name: `${q.service} ${q.operations.join('/')}`,
        calls: Math.ceil(covered / buckets / perOperation),
        perSecond: q.perSecond,
        burst: q.burst,
      };
    }),
  };
}

function githubWork(minimum: Calls, chain: number): Work {
  const rest = sum(minimum, (op) => op.startsWith('GET '));
  const graphql = sum(minimum, (op) => op.startsWith('graphql '));
  const allowed = (pool: string) => Math.min(GITHUB_SECONDARY.concurrent, pools.size(pool));
  return {
    latencyMs,
    chain,
    pools: [
      { name: 'github', calls: rest, concurrency: allowed('github') },
      { name: 'github.graphql', calls: graphql, concurrency: allowed('github.graphql') },
    ],
    quotas: [
      { name: 'github secondary REST points', calls: rest, ...GITHUB_SECONDARY.rest },
      { name: 'github secondary GraphQL points', calls: graphql, ...GITHUB_SECONDARY.graphql },
      { name: 'github primary core', calls: rest, perSecond: 5000 / 3600, burst: 5000 },
    ],
  };
}

function tlsWork(m: Measured, endpoints: number): Work {
  const relays = m.sandbox as { connections?: number; peakOpen?: number; roundTrips?: number } | undefined;
  if (typeof relays?.roundTrips !== 'number') throw new Error('bench: the TLS sandbox did not count its round trips');
  // Each connection holds its place for every round trip the client waited for on it (docs/benchmark.md), and the
  // scan may keep tls.connections of them open (the sandbox's targets take the default), each endpoint up to its gate.
  const concurrency = Math.min(DEFAULT_CONNECTIONS, endpoints * DEFAULT_PROBE_CONCURRENCY);
  return { latencyMs, chain: TLS_CHAIN, pools: [{ name: 'tls connections', calls: relays.roundTrips, concurrency }], quotas: [] };
}

/**
 * Round trips one endpoint needs one after another at the least: the version probe decides which suites to
 * enumerate, and an enumeration learns the next suite to offer from the previous answer.
 */
const TLS_CHAIN = 2;

function measure(provider: string, out: string): Measured {
  const child = spawnSync(
    process.execPath,
    [path.join(BUILD_DIR, 'bench/estate/scan-one.js'), provider, String(seed), String(latencyMs), out],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 1024 * 1024 },
  );
  if (child.status !== 0) throw new Error(`bench: the ${provider} scan exited with ${child.status}`);
  return JSON.parse(child.stdout.trim().split('\n').at(-1)!) as Measured;
}

/** Requests the emulator answered, retried and refused ones included. */
function requestsMade(m: Measured): number {
  const s = m.sandbox as
    | { requests?: number; rest?: { requests: number; notModified: number }; graphql?: { queries: number }; secondaryRefused?: number }
    | undefined;
  if (m.provider === 'aws' && typeof s?.requests === 'number') return s.requests;
  if (m.provider === 'github' && s?.rest && s.graphql)
    return s.rest.requests + s.rest.notModified + s.graphql.queries + (s.secondaryRefused ?? 0);
  return sum(m.byOperation);
}

compileForBench();
const rows = [];
const out = mkdtempSync(path.join(tmpdir(), 'annexa-bench-runs-'));
try {
  for (const provider of providers) {
    const estate = generateEstate({ seed, providers: [provider] });
    const m = measure(provider, path.join(out, provider));
    let minimum: Calls;
    let work: Work;
    if (provider === 'aws') {
      const min = minimumAws(estate.aws as AwsScenario);
      minimum = min.calls;
      work = awsWork(estate.aws as AwsScenario, minimum, min.chain);
    } else if (provider === 'github') {
      const min = minimumGithub(estate.github as GithubScenario);
      minimum = min.calls;
      work = githubWork(minimum, min.chain);
    } else {
      // The TLS probe plan adapts to each endpoint's answers: its minimum is each distinct probe once. Each
      // round trip the clients waited for takes one latency, at most tls.connections of them at a time.
      minimum = { probes: m.distinctProbes };
      work = tlsWork(m, (estate.tls as { endpoints?: unknown[] } | undefined)?.endpoints?.length ?? 0);
    }
    const bound = lowerBound(work);
    const made = requestsMade(m);
    const row = {
      provider,
      calls: made,
      minimum: sum(minimum),
      excess: provider === 'tls' ? excess({ probes: sum(m.byOperation) }, minimum) : excess(m.byOperation, minimum),
      refused: m.sandbox?.throttled ?? m.sandbox?.secondaryRefused ?? 0,
      wallMs: Math.round(m.wallMs),
      cpuMs: Math.round(m.cpuMs),
      // the emulator's serving CPU (bench/estate/serve.ts): it shares the machine's cores with the scan
      emulatorCpuMs: typeof m.sandbox?.emulatorCpuMs === 'number' ? m.sandbox.emulatorCpuMs : null,
      boundMs: Math.round(bound.ms),
      binding: bound.binding,
      efficiency: Number(efficiency(bound.ms, m.wallMs).toFixed(3)),
      peakRssMb: Math.round(m.peakRssMb),
      results: m.results,
      errors: m.errors,
      work,
    };
    rows.push(row);
    console.log(
      `${provider.padEnd(7)} calls ${String(row.calls).padStart(6)}  minimum ${String(row.minimum).padStart(6)}  wall ${(row.wallMs / 1000).toFixed(1).padStart(6)} s  ` +
        `(scanner CPU ${(row.cpuMs / 1000).toFixed(1)} s${row.emulatorCpuMs === null ? '' : `, emulator ${(row.emulatorCpuMs / 1000).toFixed(1)} s`})  bound ${(row.boundMs / 1000).toFixed(1).padStart(6)} s (${row.binding})  efficiency ${row.efficiency.toFixed(2)}  peak RSS ${row.peakRssMb} MB  ` +
        `results ${row.results} (${row.errors} error)`,
    );
    if (provider === 'tls') {
      // the bound credits the limit: the scan must never have had more open
      const peak = Number(m.sandbox?.peakOpen ?? 0);
      const allowed = work.pools[0]!.concurrency;
      const average = (ms: unknown) => (Number(ms ?? 0) / m.wallMs).toFixed(0);
      console.log(
        `        connections on average: ${average(m.sandbox?.openMs)} open, ${average(m.sandbox?.waitingMs)} waiting for the server's answer`,
      );
      console.log(
        `        connections open at once, as the relays saw them: at most ${peak}, allowed ${allowed}${peak > allowed ? ' (BEYOND THE LIMIT)' : ''}`,
      );
    }
    for (const e of m.errorSamples) console.log(`        error: ${e}`);
    if (Object.keys(row.excess).length) console.log(`        calls beyond the minimum, by operation: ${JSON.stringify(row.excess)}`);
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}
// Each provider is scanned in a process of its own: the estate's peak is the largest of theirs (the target is under 300 MB).
const peakRssMb = Math.max(0, ...rows.map((r) => r.peakRssMb));
console.log(`peak RSS of the estate: ${peakRssMb} MB (${rows.map((r) => `${r.provider} ${r.peakRssMb}`).join(', ')})`);
const results = path.join(import.meta.dirname, 'results');
mkdirSync(results, { recursive: true });
writeFileSync(
  path.join(results, 'estate-latest.json'),
  `${JSON.stringify({ seed, latencyMs, node: process.version, date: new Date().toISOString(), peakRssMb, providers: rows }, null, 2)}\n`,
);
console.log(`written: bench/results/estate-latest.json`);
