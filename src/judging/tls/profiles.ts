import type { ProfileName, SuiteInfo, SuitesFact } from '../../providers/tls/types.js';
import data from './profiles.json' with { type: 'json' };

/**
 * A published server configuration (Mozilla's server-side TLS guidelines):
 * what an endpoint may accept, and the figures its certificate and HSTS
 * header are held to unless the config says otherwise.
 */
export interface Profile {
  id: ProfileName;
  title: string;
  versions: readonly string[];
  /** Allowed suites per version, by IANA name. A version missing here allows none. */
  suites: Readonly<Record<string, readonly string[]>>;
  /** Groups allowed for an ECDHE key exchange, by OpenSSL name (as node reports them). */
  curves: readonly string[];
  certificateTypes: readonly string[];
  rsaKeySize: number | null;
  /** Smallest finite-field DHE group, in bits; null where the profile allows no DHE suite. */
  dhParamSize: number | null;
  /** Smallest HSTS max-age, in seconds. */
  hstsMinAge: number;
  /** Longest certificate validity, in days. */
  maximumCertificateLifespan: number;
}

export const PROFILES: Readonly<Record<ProfileName, Profile>> = {
  'mozilla-intermediate': { id: 'mozilla-intermediate', ...data.profiles['mozilla-intermediate'] },
  'mozilla-modern': { id: 'mozilla-modern', ...data.profiles['mozilla-modern'] },
};

/** Versions that always fail whatever the profile: broken (DROWN, POODLE, BEAST) or prohibited (RFC 6176, 7568, 8996). */
export const LEGACY_VERSIONS: readonly string[] = ['SSLv2', 'SSLv3', 'TLSv1.0', 'TLSv1.1'];
/** Weaknesses that always fail: no or trivially broken encryption, no authentication, or no forward secrecy with RSA key transport. */
export const ALWAYS_WEAK: readonly string[] = ['null', 'anon', 'export', 'rc4', 'des', '3des', 'static-rsa'];

export function allowedVersions(profile: ProfileName): readonly string[] {
  return PROFILES[profile].versions;
}

/** Why a suite accepted in `version` is not acceptable under `profile`; empty when it is. */
export function suiteObjections(profile: ProfileName, version: string, suite: SuiteInfo): string[] {
  const objections = suite.weak.filter((w) => ALWAYS_WEAK.includes(w));
  const allowed = PROFILES[profile].suites[version] ?? [];
  if (!allowed.includes(suite.name)) objections.push(`not in ${profile} for ${version}`);
  return objections;
}

export interface SuiteJudgement {
  /** `TLSv1.2 TLS_RSA_WITH_RC4_128_SHA (rc4, static-rsa, not in mozilla-intermediate for TLSv1.2)` */
  offending: string[];
  /** `TLSv1.3: TLS_AES_128_GCM_SHA256, ...` per version. */
  accepted: string[];
  count: number;
  /** all | partial | none: whether every accepted suite has an ephemeral key exchange. */
  forwardSecrecy: 'all' | 'partial' | 'none';
  /** Versions whose enumeration could not finish, with the reason. */
  inconclusive: string[];
}

export function judgeSuites(profile: ProfileName, perVersion: SuitesFact[]): SuiteJudgement {
  const all = perVersion.flatMap((f) => f.accepted);
  const fsCount = all.filter((s) => s.forwardSecrecy).length;
  return {
    offending: perVersion.flatMap((f) =>
      f.accepted.flatMap((s) => {
        const why = suiteObjections(profile, f.version, s);
        return why.length ? [`${f.version} ${s.name} (${why.join(', ')})`] : [];
      }),
    ),
    accepted: perVersion.map((f) => `${f.version}: ${f.accepted.map((s) => s.name).join(', ') || 'none'}`),
    count: all.length,
    forwardSecrecy: fsCount === all.length ? 'all' : fsCount ? 'partial' : 'none',
    inconclusive: perVersion.filter((f) => f.inconclusive).map((f) => `${f.version}: ${f.inconclusive}`),
  };
}
