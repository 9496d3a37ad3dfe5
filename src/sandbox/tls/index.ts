import { X509Certificate } from 'node:crypto';
import type { ProviderRuntime, SandboxHandle } from '../../core/provider.js';
import { toTarget } from '../../providers/tls/targets.js';
import type { TlsTargetOptions } from '../../providers/tls/types.js';
import { suiteByName, type TlsVersion } from '../../providers/tls/wire/index.js';
import { createSandboxCa, type SandboxCa } from './certs.js';
import { startOcspResponder, type OcspResponder } from './ocsp-responder.js';
import { certificateFor, reserveClosedPort, startNodeListener, type EndpointScenario, type Listening } from './listeners.js';
import { startRawTlsListener } from './raw-listener.js';
import { startSslv2Listener } from './sslv2-listener.js';
import { sslv2KindByName } from '../../providers/tls/wire/sslv2.js';
import { startStartTlsListener } from './starttls.js';
import { relayCounters, startLatencyRelay } from './latency-relay.js';

/** The scenario's `tls` section (validated by schemas/scenario-tls.schema.json). */
export interface TlsScenario {
  ca?: { commonName?: string };
  endpoints?: EndpointScenario[];
  /** Round-trip time added in front of every endpoint (the bench's modelled network); none by default. */
  latencyMs?: number;
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
  const ocsp = await startOcsp(section, ca, running);
  const stop = async () => {
    await Promise.allSettled(running.map((l) => l.stop()));
  };
  const targets = [];
  const endpoints: Record<string, string> = {};
  const relays = relayCounters();
  try {
    for (const e of section.endpoints ?? []) {
      let listening = await startEndpoint(e, ca, now, ocsp);
      running.push(listening);
      if (section.latencyMs && !e.unreachable) {
        listening = await startLatencyRelay(listening.port, section.latencyMs, relays);
        running.push(listening);
      }
      const options: TlsTargetOptions = {
        host: '127.0.0.1',
        port: listening.port,
        ...(e.servername ? { servername: e.servername } : {}),
        kind: e.starttls ? 'tls' : (e.kind ?? 'https'),
        profile: e.profile ?? 'mozilla-intermediate',
        caPem: ca.pem,
        loopbackOnly: true,
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
  return {
    targets,
    endpoints,
    stop,
    stats: () => ({
      connections: relays.connections,
      peakOpen: relays.peakOpen,
      roundTrips: relays.roundTrips,
      openMs: Math.round(relays.openMs),
      waitingMs: Math.round(relays.waitingMs),
    }),
  };
}

/** The OCSP responder and a closed port for `unreachable`, started only when an endpoint's leaf names one. */
async function startOcsp(section: TlsScenario, ca: SandboxCa, running: Listening[]): Promise<SandboxOcsp | undefined> {
  if (!section.endpoints?.some((e) => e.certificate?.ocsp)) return undefined;
  const responder = await startOcspResponder(ca);
  running.push(responder);
  const closed = await reserveClosedPort();
  return { responder, unreachableUrl: `http://127.0.0.1:${closed.port}/` };
}

interface SandboxOcsp {
  responder: OcspResponder;
  unreachableUrl: string;
}

/** The leaf with the responder named in it when the scenario asks, revoked at the responder when it says so. */
function identityFor(e: EndpointScenario, ca: SandboxCa, now: Date, ocsp: SandboxOcsp | undefined): { cert: string; key: string } {
  const mode = e.certificate?.ocsp;
  if (!mode || !ocsp) return certificateFor(e, ca, now);
  const identity = certificateFor(e, ca, now, mode === 'unreachable' ? ocsp.unreachableUrl : ocsp.responder.url);
  if (mode === 'revoked') ocsp.responder.revoke(new X509Certificate(identity.cert).serialNumber);
  return identity;
}

async function startEndpoint(e: EndpointScenario, ca: SandboxCa, now: Date, ocsp: SandboxOcsp | undefined): Promise<Listening> {
  if (e.unreachable) return reserveClosedPort();
  if (e.sslv2) {
    const leaf = new X509Certificate(certificateFor(e, ca, now).cert).raw;
    const listener = await startSslv2Listener({ kinds: e.sslv2.ciphers.map(sslv2Kind), certificate: leaf, host: '127.0.0.1' });
    return { port: listener.port, stop: () => listener.stop() };
  }
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
  const identity = identityFor(e, ca, now, ocsp);
  const staple = e.certificate?.ocspStaple && ocsp ? () => ocsp.responder.answerFor(identity.cert) : undefined;
  return startNodeListener(e, identity, staple);
}

function suiteId(s: string | number): number {
  if (typeof s === 'number') return s;
  const info = suiteByName(s);
  if (!info) throw new Error(`tls sandbox: unknown cipher suite ${s}`);
  return info.id;
}

function sslv2Kind(name: string): number {
  const kind = sslv2KindByName(name);
  if (kind === undefined) throw new Error(`tls sandbox: unknown SSLv2 cipher kind ${name}`);
  return kind;
}
