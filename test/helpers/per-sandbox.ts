/**
 * Each scan starts its own sandbox: ages are set relative to its start (a
 * day count can round to another day), its TLS listeners take other ports,
 * and dates are its own. These normalisers keep what two scans must agree on.
 */

/** A message with its day counts replaced by `N days`. */
export const ageless = (text: string) => text.replace(/\d+ days?\b/g, 'N days');

/** `ageless`, and also without the sandbox's TLS ports and timestamps. */
export const unported = (text: string) =>
  ageless(text.replace(/@127\.0\.0\.1:\d+/g, '@127.0.0.1:PORT').replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/g, 'DATE'));
