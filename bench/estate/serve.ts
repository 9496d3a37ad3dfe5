// The sandbox of one provider in a process of its own, so that the emulators' CPU and memory are not counted
// against the scanner (they stand for the cloud). Forked with IPC by remote-sandbox.ts: it receives
// { provider, section }, answers { targets, endpoints, env } once listening, and { stats } on 'stop', then exits.
import pino from 'pino';
import type { ProviderRuntime, SandboxHandle } from '../../src/core/provider.js';
import { loadBuiltinProviders } from '../../src/providers/index.js';

process.once('message', (start: { provider: string; section: unknown }) => {
  void (async () => {
    const [provider] = await loadBuiltinProviders([start.provider]);
    if (!provider?.sandbox) throw new Error(`no sandbox for provider ${start.provider}`);
    const env: NodeJS.ProcessEnv = {};
    const runtime: ProviderRuntime = { log: pino({ level: 'silent' }), env, callTimeoutMs: 30_000 };
    const handle: SandboxHandle = await provider.sandbox(start.section, runtime);
    const cpuAtServe = process.cpuUsage();
    process.on('message', (msg) => {
      if (msg !== 'stop') return;
      // The emulator's CPU while serving (start-up excluded): it shares the machine's cores with the scan.
      const cpu = process.cpuUsage(cpuAtServe);
      const stats = { ...handle.stats?.(), emulatorCpuMs: Math.round((cpu.user + cpu.system) / 1000) };
      void handle.stop().then(() => process.send!({ stats }, () => process.exit(0)));
    });
    process.send!({ targets: handle.targets, endpoints: handle.endpoints, env });
  })().catch((err: unknown) => {
    process.send!({ error: err instanceof Error ? err.message : String(err) }, () => process.exit(2));
  });
});
