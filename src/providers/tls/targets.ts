import { isIP } from 'node:net';
import type { TlsSection } from '../../config/config.js';
import { UsageError } from '../../core/errors.js';
import type { Target } from '../../core/types.js';
import { isStartTlsProtocol, STARTTLS_PORTS, STARTTLS_PROTOCOLS } from './starttls/protocols.js';
import { PROFILE_NAMES, type TlsTargetOptions } from './types.js';

/** One endpoint of the config's `tls` section, or of a `--tls host:port` flag. */
export type EndpointSpec = NonNullable<TlsSection['endpoints']>[number];

export const DEFAULT_PORT = 443;
/** Ports where a TLS endpoint is taken to serve HTTPS unless the config says `kind`. */
export const HTTPS_PORTS: readonly number[] = [443, 8443];

/**
 * `host:port`, `[v6]:port` or a bare host (port 443); or a STARTTLS URL,
 * `smtp://host[:port]` (the protocol's own port by default: smtp 25, imap 143 …).
 */
export function parseHostPort(text: string): EndpointSpec {
  const url = /^([a-z0-9]+):\/\/(.*?)\/?$/i.exec(text.trim());
  if (!url) return parseBare(text, text.trim());
  const scheme = (url[1] ?? '').toLowerCase();
  if (!isStartTlsProtocol(scheme))
    throw new UsageError(
      `--tls ${text}: unknown scheme ${scheme}:// (STARTTLS schemes: ${STARTTLS_PROTOCOLS.join(', ')}; plain TLS is HOST:PORT)`,
    );
  const spec = parseBare(text, url[2] ?? '');
  return { ...spec, port: spec.port ?? STARTTLS_PORTS[scheme], starttls: scheme };
}

function parseBare(text: string, trimmed: string): EndpointSpec {
  const v6 = /^\[([^\]]+)\](?::(\d+))?$/.exec(trimmed);
  // A host name is dot-separated labels that neither start nor end with a hyphen (RFC 1123): `-x` is an option, not a host.
  const plain = /^((?:[A-Za-z0-9_](?:[A-Za-z0-9_-]*[A-Za-z0-9_])?)(?:\.[A-Za-z0-9_](?:[A-Za-z0-9_-]*[A-Za-z0-9_])?)*\.?)(?::(\d+))?$/.exec(
    trimmed,
  );
  const m = v6 ?? plain;
  const host = m?.[1];
  if (!m || !host) throw new UsageError(`--tls ${text}: expected HOST:PORT (IPv6 as [addr]:port)`);
  const port = m[2] === undefined ? undefined : Number(m[2]);
  if (port !== undefined && (!Number.isInteger(port) || port < 1 || port > 65535)) {
    throw new UsageError(`--tls ${text}: port must be 1-65535`);
  }
  return { host, ...(port !== undefined ? { port } : {}) };
}

/**
 * `tls:host:port`, or `tls:name@host:port` when the SNI name differs from the
 * host; a STARTTLS endpoint names its protocol: `tls:smtp://host:25`.
 */
export function endpointId(o: Pick<TlsTargetOptions, 'host' | 'port' | 'servername' | 'starttls'>): string {
  const host = isIP(o.host) === 6 ? `[${o.host}]` : o.host;
  const name = o.servername && o.servername !== o.host ? `${o.servername}@` : '';
  return `tls:${o.starttls ? `${o.starttls}://` : ''}${name}${host}:${o.port}`;
}

export function toTarget(options: TlsTargetOptions): Target<TlsTargetOptions> {
  const id = endpointId(options);
  return { provider: 'tls', id, resource: id, options };
}

/** Endpoints of the config and flags as targets, deduplicated by id (a later entry does not override). */
export function resolveEndpoints(section: TlsSection | undefined): Target<TlsTargetOptions>[] {
  const byId = new Map<string, Target<TlsTargetOptions>>();
  for (const spec of section?.endpoints ?? []) {
    const port = spec.port ?? (spec.starttls ? STARTTLS_PORTS[spec.starttls] : DEFAULT_PORT);
    if (spec.starttls && spec.kind === 'https')
      throw new UsageError(`tls: ${spec.host}: kind https cannot upgrade by ${spec.starttls} STARTTLS`);
    const profile = spec.profile ?? section?.profile ?? 'mozilla-intermediate';
    if (!PROFILE_NAMES.includes(profile)) throw new UsageError(`tls: unknown profile "${profile}" (known: ${PROFILE_NAMES.join(', ')})`);
    const options: TlsTargetOptions = {
      host: spec.host,
      port,
      ...(spec.sni ? { servername: spec.sni } : {}),
      kind: spec.kind ?? (HTTPS_PORTS.includes(port) && !spec.starttls ? 'https' : 'tls'),
      profile,
      ...(section?.caFile ? { caFile: section.caFile } : {}),
      ...(spec.starttls ? { starttls: spec.starttls } : {}),
      ...(section?.probeConcurrency ? { probeConcurrency: section.probeConcurrency } : {}),
      ...(section?.connections ? { connections: section.connections } : {}),
    };
    const target = toTarget(options);
    if (!byId.has(target.id)) byId.set(target.id, target);
  }
  return [...byId.values()];
}

/** The SNI name to send: never an IP address (RFC 6066). */
export function sniOf(o: Pick<TlsTargetOptions, 'host' | 'servername'>): string | undefined {
  const name = o.servername ?? o.host;
  return isIP(name) ? undefined : name;
}

/** The name the certificate must match: the SNI name, else the host (an IP is matched against IP SANs). */
export function expectedNameOf(o: Pick<TlsTargetOptions, 'host' | 'servername'>): string {
  return o.servername ?? o.host;
}
