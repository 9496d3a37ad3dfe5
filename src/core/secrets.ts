/**
 * The run's own secret values (tokens, keys, passwords, external ids), known
 * to the evidence writer and the logger so that neither ever stores one,
 * whichever code path put it in a message. Values shorter than
 * MIN_SECRET_LENGTH are not looked for: they would match ordinary words.
 */
export const MIN_SECRET_LENGTH = 8;

/** Query parameters that carry a credential in URLs people paste. */
const SECRET_PARAMS =
  /^(access_token|token|client_secret|password|secret|api_key|apikey|sig|signature|x-amz-signature|x-amz-security-token)$/i;

export class Secrets {
  private readonly values = new Map<string, string>();

  /** Registers `value` as a secret; `source` says where it came from (never the value). */
  add(value: string | undefined | null, source: string): this {
    if (value && value.length >= MIN_SECRET_LENGTH && !this.values.has(value)) this.values.set(value, source);
    return this;
  }

  /** The length of the longest secret: a text written in pieces is searched across the seams with this much overlap. */
  get longest(): number {
    let max = 0;
    for (const value of this.values.keys()) max = Math.max(max, value.length);
    return max;
  }

  /** Where the first secret that `text` holds came from, or undefined. */
  sourceIn(text: string): string | undefined {
    for (const [value, source] of this.values) if (text.includes(value)) return source;
    return undefined;
  }

  /** `text` with every secret value replaced. */
  redact(text: string): string {
    let out = text;
    for (const value of this.values.keys()) if (out.includes(value)) out = out.split(value).join('[redacted]');
    return out;
  }
}

/**
 * A URL without its userinfo and credential query parameters, as it may be
 * recorded, and what was taken out (to register as secrets).
 */
export function withoutCredentials(raw: string): { url: string; removed: string[] } {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { url: raw, removed: [] };
  }
  const removed = [decodeURIComponent(url.username), decodeURIComponent(url.password)].filter(Boolean);
  url.username = '';
  url.password = '';
  for (const key of [...url.searchParams.keys()]) {
    if (!SECRET_PARAMS.test(key)) continue;
    removed.push(...url.searchParams.getAll(key));
    url.searchParams.delete(key);
  }
  if (removed.length === 0) return { url: raw, removed };
  return { url: url.href, removed };
}

/** Environment variables that hold a credential whatever the config says. */
const SECRET_ENV = ['GITHUB_TOKEN', 'GH_TOKEN', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN'];

interface SecretSources {
  env?: NodeJS.ProcessEnv;
  github?: { tokenEnv?: string; apiUrl?: string };
  aws?: { accounts?: { externalId?: string }[]; organization?: { externalId?: string } };
}

/** The secret values of one run: from the environment, the GitHub settings and the AWS role settings. */
export function runSecrets(options: SecretSources): Secrets {
  const env = options.env ?? process.env;
  const secrets = new Secrets();
  for (const name of [...SECRET_ENV, options.github?.tokenEnv ?? 'GITHUB_TOKEN'])
    secrets.add(env[name], `the environment variable ${name}`);
  // The AWS SDK reads AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_<SERVICE> itself; a proxy's user and
  // password in one of them would otherwise reach an error message or a debug line.
  const awsEndpoints = Object.keys(env)
    .filter((name) => /^AWS_ENDPOINT_URL(_[A-Z0-9_]+)?$/.test(name))
    .map((name) => [name, env[name]] as const);
  for (const [where, url] of [
    ['github.apiUrl', options.github?.apiUrl],
    ['GITHUB_API_URL', env.GITHUB_API_URL],
    ...awsEndpoints,
  ] as const) {
    for (const value of url ? withoutCredentials(url).removed : []) secrets.add(value, `the credentials in ${where}`);
  }
  for (const account of options.aws?.accounts ?? []) secrets.add(account.externalId, 'aws.accounts[].externalId');
  secrets.add(options.aws?.organization?.externalId, 'aws.organization.externalId');
  return secrets;
}
