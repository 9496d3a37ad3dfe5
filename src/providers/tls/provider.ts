import { existsSync, readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { X509Certificate } from 'node:crypto';
import { rootCertificates } from 'node:tls';
import type { TlsSection } from '../../config/config.js';
import { UsageError } from '../../core/errors.js';
import type { FactStore } from '../../core/facts.js';
import type { Provider } from '../../core/provider.js';
import type { TlsScenario } from '../../sandbox/tls/index.js';
import { classifyTlsError } from './classify.js';
import { readHandshake } from './handshake.js';
import { readHsts } from './hsts.js';
import { probeDheGroup, probeGroups } from './key-exchange.js';
import { readRevocation } from './ocsp.js';
import { probeProtocols, probeSuites } from './probes.js';
import { chainHints, withRawFallback } from './raw-certificate.js';
import { sslv2Suites } from './sslv2-facts.js';
import { assertUpgrades, negotiate, starttlsConnector } from './starttls/index.js';
import { expectedNameOf, resolveEndpoints, sniOf } from './targets.js';
import { DEFAULT_CONNECTIONS, ScanConnections } from './wire/connection-limit.js';
import { ConnectionGate, DEFAULT_PROBE_CONCURRENCY, neverHungUp, type ConnectionLimit } from './wire/gate.js';
import type { TlsFacts, TlsTargetOptions } from './types.js';

/**
 * TLS endpoints: what they accept on the wire (hand-built ClientHellos, see
 * wire/), and what a full node:tls handshake shows (chain, negotiated
 * parameters, HSTS). All I/O happens inside fact fetchers, so a snapshot replays.
 */
/** A CA file is read on every handshake: one without a PEM certificate is refused before the scan. */
function assertCaFile(file: string): void {
  if (!existsSync(file)) throw new UsageError(`tls.caFile: no file ${file}`);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`tls.caFile: cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  const first = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(text)?.[0];
  try {
    if (!first) throw new Error('no PEM block');
    new X509Certificate(first);
  } catch {
    throw new UsageError(`tls.caFile: ${file} holds no PEM certificate (-----BEGIN CERTIFICATE-----)`);
  }
}

/**
 * A fact's call may take as long as this many connections that each use
 * their whole `callTimeoutSeconds`: enumerations need tens of handshakes, a
 * stalled one should not cost more than a few.
 */
export const CONNECTIONS_PER_DEADLINE = 4;

export const tlsProvider: Provider<'tls', TlsTargetOptions, TlsSection> = {
  id: 'tls',
  title: 'TLS',
  // The work is paced by connections (tls.connections, each endpoint's gate), not by tasks: 32 endpoints' four
  // checks at once ask for more connections than the default limit (an endpoint in a sequential phase, an
  // elimination, has one or two open; up to its gate's 8 in a wide one), without holding every endpoint's
  // half-collected facts and queued connections at once (more only cost the scanner collection time, measured).
  tasksAtOnce: 128,

  async resolveTargets(section) {
    if (section?.caFile) assertCaFile(section.caFile);
    return resolveEndpoints(section);
  },

  facts(target, store, runtime): TlsFacts {
    const o = target.options;
    // a TLS fact's call, every connection in it included, is bounded, so that a stalling server cannot hold the scan
    const callTimeoutMs = runtime.callTimeoutMs * CONNECTIONS_PER_DEADLINE;
    const scope = store.scope({ target: target.id, pool: 'tls', classify: classifyTlsError, callTimeoutMs });
    const servername = sniOf(o);
    const starttls = o.starttls;
    const base = {
      host: o.host,
      port: o.port,
      ...(servername ? { servername } : {}),
      timeoutMs: runtime.callTimeoutMs,
      // every connection of every probe is a freshly upgraded one
      ...(starttls ? { connect: starttlsConnector(starttls) } : {}),
      // every connection of every fact of this endpoint, so that the setting bounds them all
      gate: new ConnectionGate(o.probeConcurrency ?? DEFAULT_PROBE_CONCURRENCY, scanConnections(store, o.connections)),
    };
    const extraCa = Boolean(o.caPem || o.caFile);
    // Read inside the fetchers: a replayed run must not touch the file system.
    // Read once per endpoint, on first use; endpoints with the same extra roots share a list (trustList).
    let caList: readonly string[] | undefined;
    const ca = () => (extraCa ? (caList ??= trustList(o.caPem ?? readFileSync(o.caFile!, 'utf8'))) : undefined);
    const facts: TlsFacts = {
      endpoint: {
        host: o.host,
        port: o.port,
        servername: o.servername ?? null,
        kind: o.kind,
        profile: o.profile,
        starttls: starttls ?? null,
      },
      handshake: () =>
        scope.fact('tls.handshake', async (rec) => {
          const h = await rec.call({ operation: 'tls:handshake' }, (signal) =>
            readHandshake({ ...base, signal, ca: ca(), extraCa, expectedName: expectedNameOf(o) }),
          );
          // node could not complete a handshake: read the chain off the wire, offering what the probes found accepted
          return withRawFallback(rec, h, { endpoint: base, trusted: ca, hints: () => chainHints(facts.protocols, facts.suites) });
        }),
      hsts: () =>
        scope.fact('tls.hsts', (rec) =>
          rec.call({ operation: 'https:GET /' }, (signal) => readHsts({ ...base, signal, ca: ca(), hostHeader: hostHeader(o) })),
        ),
      revocation: () =>
        scope.fact('tls.revocation', async (rec) => {
          const h = await facts.handshake();
          const options = { timeoutMs: runtime.callTimeoutMs, loopbackOnly: o.loopbackOnly === true };
          // a connection of the scan's like any other (to the responder, not the endpoint: no hang-up to ask again)
          return rec.call({ operation: 'ocsp:status' }, (signal) =>
            base.gate.run(() => readRevocation(h, { ...options, signal }), neverHungUp, signal),
          );
        }),
      protocols: () =>
        scope.fact('tls.protocols', async (rec) => {
          // a server that stays plaintext has no versions to probe: say so once, not five times
          if (starttls) await assertUpgrades(facts.starttls);
          return probeProtocols(rec, base);
        }),
      suites: (version: string) =>
        scope.fact(`tls.suites(${version})`, async (rec) =>
          version === 'SSLv2' ? sslv2Suites(await facts.protocols()) : probeSuites(rec, base, version),
        ),
      dheGroup: () => scope.fact('tls.dheGroup', (rec) => probeDheGroup(rec, base)),
      groups: () => scope.fact('tls.groups', (rec) => probeGroups(rec, base)),
      starttls: () =>
        scope.fact('tls.starttls', (rec) => {
          if (!starttls) throw new Error('not a STARTTLS endpoint');
          return rec.call({ operation: `${starttls}:STARTTLS` }, (signal) =>
            base.gate.run(() => negotiate(starttls, base), neverHungUp, signal),
          );
        }),
    };
    return facts;
  },

  async sandbox(section, runtime) {
    const { startTlsSandbox } = await import('../../sandbox/tls/index.js');
    return startTlsSandbox(section as TlsScenario, runtime);
  },

  async identity(_facts, target) {
    return {
      provider: 'tls',
      target: target.id,
      principal: hostname(),
      details: { client: `node ${process.version}, OpenSSL ${process.versions.openssl}` },
    };
  },
};

/**
 * One limit on connections open at once per scan (its fact store), shared by
 * every endpoint: the first endpoint's `connections` sets it (the config's
 * `tls.connections` is the same for all).
 */
const scanLimits = new WeakMap<FactStore, ScanConnections>();

function scanConnections(store: FactStore, size = DEFAULT_CONNECTIONS): ConnectionLimit {
  let limit = scanLimits.get(store);
  if (!limit) scanLimits.set(store, (limit = new ScanConnections(size)));
  return limit.forEndpoint();
}

/**
 * The system roots plus `extra`, one list per distinct `extra` for the process: connect.ts keeps its TLS
 * contexts by list, so endpoints that trust the same CA share contexts. Keyed by the PEM text, not the
 * file name, so an edited CA file is read as new; a handful of lists at most are kept.
 */
const trustLists = new Map<string, readonly string[]>();
const MAX_TRUST_LISTS = 8;

function trustList(extra: string): readonly string[] {
  let list = trustLists.get(extra);
  if (!list) {
    if (trustLists.size >= MAX_TRUST_LISTS) trustLists.clear();
    trustLists.set(extra, (list = [...rootCertificates, extra]));
  }
  return list;
}

function hostHeader(o: TlsTargetOptions): string {
  const name = o.servername ?? (o.host.includes(':') ? `[${o.host}]` : o.host);
  return o.port === 443 ? name : `${name}:${o.port}`;
}
