import type { Provider, ProviderRuntime, SandboxHandle } from '../core/provider.js';
import type { Target } from '../core/types.js';
import type { Scenario } from './scenario.js';

export interface RunningSandbox {
  scenario: string;
  targets: Target[];
  endpoints: Record<string, Record<string, string>>;
  handles: Record<string, SandboxHandle>;
  stop(): Promise<void>;
}

/**
 * Starts one loopback emulator per provider section of the scenario, on
 * ephemeral ports, and hands back targets that point at them. If one fails
 * to start, those already started are stopped.
 */
export async function startSandbox(scenario: Scenario, providers: Provider[], runtime: ProviderRuntime): Promise<RunningSandbox> {
  const handles: Record<string, SandboxHandle> = {};
  const stop = async () => {
    await Promise.allSettled(Object.values(handles).map((h) => h.stop()));
  };
  try {
    for (const provider of providers) {
      const section = scenario[provider.id];
      if (section === undefined || !provider.sandbox) continue;
      handles[provider.id] = await provider.sandbox(section, runtime);
    }
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    scenario: scenario.name,
    targets: Object.values(handles).flatMap((h) => h.targets),
    endpoints: Object.fromEntries(Object.entries(handles).map(([id, h]) => [id, h.endpoints])),
    handles,
    stop,
  };
}
