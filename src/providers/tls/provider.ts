import { existsSync, readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { X509Certificate } from 'node:crypto';
import { rootCertificates } from 'node:tls';
import type { TlsSection } from '../../config/config.js';
import { UsageError } from '../../core/errors.js';
import type { Provider } from '../../core/provider.js';
import type { TlsScenario } from '../../sandbox/tls/index.js';
import { classifyTlsError } from './classify.js';
import { readHandshake } from './handshake.js';
import { readHsts } from './hsts.js';
import { probeDheGroup, probeGroups } from './key-exchange.js';
import { probeProtocols, probeSuites } from './probes.js';
import { chainHints, withRawFallback } from './raw-certificate.js';
import { assertUpgrades, negotiate, starttlsConnector } from './starttls/index.js';
import { expectedNameOf, resolveEndpoints, sniOf } from './targets.js';
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

export const tlsProvider: Provider<'tls', TlsTargetOptions, TlsSection> = {
  id: 'tls',
  title: 'TLS',

  async resolveTargets(section) {
    if (section?.caFile) assertCaFile(section.caFile);
    return resolveEndpoints(section);
  },

  facts(target, store, runtime): TlsFacts {
    const o = target.options;
    const scope = store.scope({ target: target.id, pool: 'tls', classify: classifyTlsError });
    const servername = sniOf(o);
    const starttls = o.starttls;
    const base = {
      host: o.host,
      port: o.port,
      ...(servername ? { servername } : {}),
      timeoutMs: runtime.callTimeoutMs,
      // every connection of every probe is a freshly upgraded one
      ...(starttls ? { connect: starttlsConnector(starttls) } : {}),
    };
    const extraCa = Boolean(o.caPem || o.caFile);
    // Read inside the fetchers: a replayed run must not touch the file system.
    const ca = () => (extraCa ? [...rootCertificates, o.caPem ?? readFileSync(o.caFile!, 'utf8')] : undefined);
    const facts: TlsFacts = {
      endpoint: { host: o.host, port: o.port, servername: o.servername ?? null, kind: o.kind, profile: o.profile, starttls: starttls ?? null },
      handshake: () =>
        scope.fact('tls.handshake', async (rec) => {
          const h = await rec.call({ operation: 'tls:handshake' }, () =>
            readHandshake({ ...base, ca: ca(), extraCa, expectedName: expectedNameOf(o) }),
          );
          // node could not complete a handshake: read the chain off the wire, offering what the probes found accepted
          return withRawFallback(rec, h, { endpoint: base, trusted: ca, hints: () => chainHints(facts.protocols, facts.suites) });
        }),
      hsts: () =>
        scope.fact('tls.hsts', (rec) =>
          rec.call({ operation: 'https:GET /' }, () => readHsts({ ...base, ca: ca(), hostHeader: hostHeader(o) })),
        ),
      protocols: () =>
        scope.fact('tls.protocols', async (rec) => {
          // a server that stays plaintext has no versions to probe: say so once, not five times
          if (starttls) await assertUpgrades(facts.starttls);
          return probeProtocols(rec, base);
        }),
      suites: (version: string) => scope.fact(`tls.suites(${version})`, (rec) => probeSuites(rec, base, version)),
      dheGroup: () => scope.fact('tls.dheGroup', (rec) => probeDheGroup(rec, base)),
      groups: () => scope.fact('tls.groups', (rec) => probeGroups(rec, base)),
      starttls: () =>
        scope.fact('tls.starttls', (rec) => {
          if (!starttls) throw new Error('not a STARTTLS endpoint');
          return rec.call({ operation: `${starttls}:STARTTLS` }, () => negotiate(starttls, base));
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

function hostHeader(o: TlsTargetOptions): string {
  const name = o.servername ?? (o.host.includes(':') ? `[${o.host}]` : o.host);
  return o.port === 443 ? name : `${name}:${o.port}`;
}
