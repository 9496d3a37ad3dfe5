import { createHash } from 'node:crypto';
import type { Age } from './scenario.js';

/**
 * Deterministic identifiers: the same scenario yields the same ids on every
 * start, so tests and snapshots can name them.
 */
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function digest(seed: string): Buffer {
  return createHash('sha256').update(seed).digest();
}

/** An IAM unique id or access key id: a prefix (AIDA, AKIA, AROA, ...) and base32 characters. */
export function iamId(prefix: string, seed: string, length = 21): string {
  const bytes = digest(seed);
  let out = prefix;
  for (let i = 0; out.length < length; i++) out += BASE32[bytes.readUInt8(i % bytes.length) % 32];
  return out;
}

/** A KMS key id shaped as a UUID. */
export function uuid(seed: string): string {
  const h = digest(seed).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Hex of a given length (S3 owner ids, host ids). */
export function hexId(seed: string, length = 64): string {
  let out = '';
  for (let i = 0; out.length < length; i++) out += digest(`${seed}#${i}`).toString('hex');
  return out.slice(0, length);
}

/** The instant an age points to, relative to `now`. */
export function ago(age: Age | undefined, now: Date): Date | undefined {
  if (age === undefined) return undefined;
  if (typeof age === 'string') return new Date(age);
  const ms = ((age.days ?? 0) * 24 * 60 + (age.hours ?? 0) * 60 + (age.minutes ?? 0)) * 60_000;
  return new Date(now.getTime() - ms);
}

/** ISO 8601 without milliseconds, as IAM and S3 print instants. */
export function isoSeconds(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
