import type { Webhook } from './types.js';

interface RawHook {
  id: number;
  name?: string;
  active?: boolean;
  config?: { url?: string; insecure_ssl?: string | number; secret?: string };
}

/**
 * Keeps what the webhook check judges. The URL is cut to scheme and host:
 * webhook URLs often carry a credential (chat hooks put it in the path), and
 * evidence must never hold a secret. GitHub masks the secret itself.
 */
export function trimHook(raw: RawHook): Webhook {
  const url = raw.config?.url ?? '';
  let scheme = '';
  let origin = '';
  try {
    const parsed = new URL(url);
    scheme = parsed.protocol.replace(/:$/, '');
    origin = `${parsed.protocol}//${parsed.host}`;
  } catch {
    scheme = url.includes(':') ? url.slice(0, url.indexOf(':')) : '';
  }
  const insecure = raw.config?.insecure_ssl;
  return {
    id: raw.id,
    name: raw.name ?? 'web',
    active: raw.active !== false,
    url: origin,
    scheme,
    insecureSsl: insecure === undefined || insecure === null ? null : String(insecure),
    hasSecret: typeof raw.config?.secret === 'string' && raw.config.secret.length > 0,
  };
}
