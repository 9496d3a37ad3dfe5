import { fork } from 'node:child_process';
import { once } from 'node:events';
import type { Provider, SandboxHandle } from '../../src/core/provider.js';
import type { Target } from '../../src/core/types.js';
import { benchScript } from './compiled.js';

type Started = { targets: Target[]; endpoints: Record<string, string>; env: Record<string, string> } | { error: string };

/**
 * `provider` with its sandbox started in another process (serve.ts): the
 * scan talks to it over loopback as to any endpoint, and `onStats` receives
 * the emulator's counters when the scan stops it.
 */
export function withRemoteSandbox(provider: Provider, onStats: (stats: Record<string, unknown> | undefined) => void): Provider {
  return {
    ...provider,
    async sandbox(section, runtime): Promise<SandboxHandle> {
      const serve = benchScript(import.meta.dirname, 'serve');
      const child = fork(serve.file, [], { execArgv: serve.execArgv, stdio: 'inherit' });
      child.send({ provider: provider.id, section });
      const [started] = (await once(child, 'message')) as [Started];
      if ('error' in started) throw new Error(`sandbox ${provider.id}: ${started.error}`);
      // What the provider's own sandbox would have put in the scan's environment (the sandbox's token).
      Object.assign(runtime.env, started.env);
      return {
        targets: started.targets,
        endpoints: started.endpoints,
        async stop() {
          const stopped = once(child, 'message');
          child.send('stop');
          const [{ stats }] = (await stopped) as [{ stats?: Record<string, unknown> }];
          onStats(stats);
          await once(child, 'exit');
        },
      };
    },
  };
}
