// What bench/tls-speed.ts and bench/tls-vs-testssl.ts share: the acme TLS sandbox they scan, and
// testssl.sh found and run on one endpoint of it. Kept out of bench/ itself, where bench/run.ts
// would take it for a benchmark.
import { spawn, spawnSync } from 'node:child_process';
import pino from 'pino';
import { tlsProvider } from '../../src/providers/tls/provider.js';
import type { TlsScenario } from '../../src/sandbox/tls/index.js';
import { loadScenario } from '../../src/sandbox/scenario.js';

/** testssl.sh on the PATH (Debian installs it as `testssl`), or null. */
export function findTestssl(): string | null {
  for (const name of ['testssl', 'testssl.sh']) {
    const which = spawnSync('which', [name], { encoding: 'utf8' });
    if (which.status === 0 && which.stdout.trim()) return which.stdout.trim();
  }
  return null;
}

/** The acme scenario's TLS sandbox, served from this process; `names`, when given, the endpoints it keeps. */
export function startAcmeTls(names?: string[]): ReturnType<NonNullable<typeof tlsProvider.sandbox>> {
  const acme = loadScenario('acme').tls as TlsScenario;
  const section = names ? { ...acme, endpoints: (acme.endpoints ?? []).filter((e) => names.includes(e.name)) } : acme;
  return tlsProvider.sandbox!(section, { log: pino({ level: 'silent' }), env: process.env, callTimeoutMs: 10_000 });
}

/** Runs a command to its end; its wall time and exit status. Output is dropped. */
export function timed(cmd: string, args: string[]): Promise<{ ms: number; status: number | null }> {
  const t0 = performance.now();
  const child = spawn(cmd, args, { stdio: 'ignore', env: { ...process.env, NO_COLOR: '1' } });
  return new Promise((resolve) => child.on('close', (status) => resolve({ ms: performance.now() - t0, status })));
}

/** testssl.sh, quiet and colourless, on `name:port` at address `ip`, with the scan options given (`-p -s` …). */
export function runTestssl(bin: string, at: { ip: string; name: string; port: number }, options: string[]) {
  return timed(bin, ['--quiet', '--color', '0', '--warnings', 'off', '--ip', at.ip, ...options, `${at.name}:${at.port}`]);
}
