import { X509Certificate } from 'node:crypto';
import type { ProviderRuntime, SandboxHandle } from '../../core/provider.js';
import { toTarget } from '../../providers/tls/targets.js';
import type { TlsTargetOptions } from '../../providers/tls/types.js';
import { suiteByName, type TlsVersion } from '../../providers/tls/wire/index.js';
import { createSandboxCa } from './certs.js';
import { certificateFor, reserveClosedPort, startNodeListener, type EndpointScenario, type Listening } from './listeners.js';
import { startRawTlsListener } from './raw-listener.js';
import { startStartTlsListener } from './starttls.js';

/** The scenario's `tls` section (validated by schemas/scenario-tls.schema.json). */
export interface TlsScenario {
  ca?: { commonName?: string };
  endpoints?: EndpointScenario[];
}

/**
 * Serves every endpoint of the scenario on 127.0.0.1, each on its own
 * ephemeral port, and returns targets that trust the sandbox CA.
 */
export async function startTlsSandbox(
  section: TlsScenario,
  runtime: Pick<ProviderRuntime, 'log'>,
  now = new Date(),
): Promise<SandboxHandle<TlsTargetOptions>> {
  const ca = createSandboxCa(now, section.ca?.commonName);
  const running: Listening[] = [];
  const stop = async () => {
    await Promise.allSettled(running.map((l) => l.stop()));
  };
  const targets = [];
  const endpoints: Record<string, string> = {};
  try {
    for (const e of section.endpoints ?? []) {
      const listening = await startEndpoint(e, ca, now);
      running.push(listening);
      const options: TlsTargetOptions = {
        host: '127.0.0.1',
        port: listening.port,
        ...(e.servername ? { servername: e.servername } : {}),
        kind: e.starttls ? 'tls' : (e.kind ?? 'https'),
        profile: e.profile ?? 'mozilla-intermediate',
        caPem: ca.pem,
        ...(e.starttls ? { starttls: e.starttls.protocol } : {}),
      };
      targets.push(toTarget(options));
      endpoints[e.name] = `127.0.0.1:${listening.port}`;
    }
  } catch (err) {
    await stop();
    throw err;
  }
  runtime.log.debug({ endpoints }, 'tls sandbox listening');
  return { targets, endpoints, stop };
}

async function startEndpoint(e: EndpointScenario, ca: ReturnType<typeof createSandboxCa>, now: Date): Promise<Listening> {
  if (e.unreachable) return reserveClosedPort();
  if (e.starttls) return startStartTlsListener(e, certificateFor(e, ca, now));
  if (e.raw) {
    // the leaf and its intermediates, as the node listeners present them: the sandbox root reaches clients as caPem
    const pems = certificateFor(e, ca, now).cert.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
    const certificateChain = pems.map((pem) => new X509Certificate(pem).raw);
    const raw = await startRawTlsListener({
      versions: e.raw.versions as TlsVersion[],
      suites: e.raw.suites.map(suiteId),
      host: '127.0.0.1',
      certificateChain,
    });
    return { port: raw.port, stop: async () => raw.stop() };
  }
  return startNodeListener(e, certificateFor(e, ca, now));
}

function suiteId(s: string | number): number {
  if (typeof s === 'number') return s;
  const info = suiteByName(s);
  if (!info) throw new Error(`tls sandbox: unknown cipher suite ${s}`);
  return info.id;
}
