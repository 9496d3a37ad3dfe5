// Wall time of a full sandbox scan (scenario acme unless BENCH_SCENARIO is set), and the API calls behind it.
import { performance } from 'node:perf_hooks';
import { scan } from '../src/scan.js';

const scenario = process.env.BENCH_SCENARIO ?? 'acme';
const runs = Number(process.env.BENCH_RUNS ?? 5);
const times: number[] = [];
let last;
for (let i = 0; i < runs; i++) {
  const t0 = performance.now();
  last = (await scan({ sandbox: scenario, out: false })).run;
  times.push(performance.now() - t0);
}
times.sort((a, b) => a - b);
const run = last!;
const calls = run.facts.reduce((n, f) => n + f.calls.length, 0);
const reads = run.results.reduce((n, r) => n + r.factRefs.length, 0);
console.log(`scenario ${scenario}: ${run.scope.targets.length} targets, ${run.scope.checks.length} checks, ${run.results.length} results`);
console.log(
  `wall time over ${runs} runs (sandbox start + scan + stop): median ${times[Math.floor(runs / 2)].toFixed(0)} ms, min ${times[0].toFixed(0)} ms, max ${times.at(-1)!.toFixed(0)} ms`,
);
console.log(
  `facts ${run.facts.length} (${run.facts.filter((f) => !f.ok).length} uncollectable), API calls ${calls}, fact reads by results ${reads}`,
);
for (const [provider, b] of Object.entries(run.budget))
  console.log(`  ${provider}: ${b.requests} requests, ${b.notModified} × 304, ${b.points} points`);
