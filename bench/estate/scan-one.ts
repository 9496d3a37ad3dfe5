// One provider's share of the bench estate, scanned in a process of its own (so that its peak RSS is its own):
// `node bench/.build/bench/estate/scan-one.js PROVIDER SEED LATENCY_MS OUT_DIR` once the bench compiled it
// (bench/estate/compiled.ts), or `tsx bench/estate/scan-one.ts …` from sources. Prints one JSON line of measurements.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { boundHeapGrowth } from '../../src/cli/heap-growth.js';
import { boundYoungGeneration } from '../../src/cli/young-generation.js';
import type { Provider } from '../../src/core/provider.js';
import { loadBuiltinProviders } from '../../src/providers/index.js';
import { generateEstate } from '../../src/sandbox/generate/estate.js';
import { scan } from '../../src/scan.js';
import type { Scenario } from '../../src/sandbox/scenario.js';
import { withRemoteSandbox } from './remote-sandbox.js';

// The heap setting that `annexa scan` applies at start-up (src/cli.ts): the part's memory is what a user's scan would take.
boundHeapGrowth();
boundYoungGeneration();

const [provider = 'aws', seedText = '1', latencyText = '20', out = mkdtempSync(path.join(tmpdir(), 'annexa-bench-'))] =
  process.argv.slice(2);
const seed = Number(seedText);
const latencyMs = Number(latencyText);

/** The estate with the modelled latency and rate limits switched on (docs/benchmark.md). */
export function modelled(scenario: Scenario, latency: number): Scenario {
  const s = structuredClone(scenario);
  if (s.aws) s.aws = { ...(s.aws as object), rateLimits: true, faults: { latencyMs: latency } };
  if (s.github) {
    const g = s.github as { rateLimits?: object };
    s.github = { ...g, latencyMs: latency, rateLimits: { ...g.rateLimits, secondary: true } };
  }
  if (s.tls) s.tls = { ...(s.tls as object), latencyMs: latency };
  return s;
}

// The generated estate is not kept: the scan reads it from its file, as `annexa scan --sandbox FILE` does.
const dir = mkdtempSync(path.join(tmpdir(), 'annexa-estate-'));
const file = writeEstate(dir);

function writeEstate(into: string): string {
  const scenario = modelled(generateEstate({ seed, providers: [provider] }), latencyMs);
  const written = path.join(into, `${scenario.name}-${provider}.json`);
  writeFileSync(written, JSON.stringify(scenario));
  return written;
}

let sandboxStats: Record<string, unknown> | undefined;
// Only the measured provider is loaded: another's SDK (the AWS one alone is about 130 MB) would count in its peak RSS.
const providers: Provider[] = (await loadBuiltinProviders([provider])).map((p) =>
  p.id === provider ? withRemoteSandbox(p, (stats) => (sandboxStats = stats)) : p,
);

let planned = 0;
let cpuAtPlan = process.cpuUsage();
const outcome = await scan({
  sandbox: file,
  out,
  providers,
  onPlan: () => {
    planned = performance.now();
    cpuAtPlan = process.cpuUsage();
  },
});
const wallMs = performance.now() - planned;
const cpu = process.cpuUsage(cpuAtPlan);
// Read before the counting below, which is the bench's and not the scan's.
const peakRssMb = process.resourceUsage().maxRSS / 1024;
const byOperation: Record<string, number> = {};
const distinct = new Set<string>();
for (const f of outcome.run.facts)
  for (const c of f.calls) {
    byOperation[c.operation] = (byOperation[c.operation] ?? 0) + 1;
    distinct.add(`${c.target} ${c.operation} ${f.key}`);
  }
rmSync(dir, { recursive: true, force: true });
process.stdout.write(
  `${JSON.stringify({
    provider,
    seed,
    latencyMs,
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    peakRssMb,
    results: outcome.run.results.length,
    errors: outcome.run.results.filter((r) => r.status === 'error').length,
    errorSamples: outcome.run.results
      .filter((r) => r.status === 'error')
      .slice(0, 3)
      .map((r) => `${r.checkId} ${r.resource}: ${r.message}`),
    facts: outcome.run.facts.length,
    byOperation,
    distinctProbes: distinct.size,
    sandbox: sandboxStats,
    runDir: outcome.dir,
  })}\n`,
);
