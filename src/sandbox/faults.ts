import { seeded } from './random.js';

/**
 * Faults the sandboxes inject per request, in each service's own form:
 * `throttle` (AWS Throttling / SlowDown / ThrottlingException, GitHub's
 * secondary rate limit), `internal` (500), `unavailable` (503), `reset` (the
 * connection is closed with no answer), `stall` (no answer at all, until the
 * client gives up), and successful answers spoiled on the wire: `truncated`
 * (the first half of the body), `malformed` (a body that is not the
 * protocol's syntax) and `empty` (`200` with no body).
 */
export const FAULT_KINDS = ['throttle', 'internal', 'unavailable', 'reset', 'stall', 'truncated', 'malformed', 'empty'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** One rule of a scenario's `faults.inject`: each matching request draws its own seeded chance. */
export interface InjectRule {
  /** Operations (AWS `iam:ListUsers`, globs) or routes (GitHub `GET /orgs/{org}/repos`, `POST /graphql`); absent: every request. */
  match?: string[];
  /** Share of matching requests that fail, 0..100; 100 is a persistent fault. */
  percent: number;
  /** The faults drawn from, each as likely (default: every kind). */
  kinds?: FaultKind[];
  /** Seed of this rule's draws (default 1): the same requests fail on every run. */
  seed?: number;
}

/** Kinds of fault that leave the answer's body as the service sent it, to the server to act on before handling. */
export const BODY_FAULTS: readonly FaultKind[] = ['truncated', 'malformed', 'empty'];

/**
 * Draws, per request, whether a rule fires and which fault it injects; the
 * first rule (in scenario order) that fires wins. Draws are seeded per rule,
 * so a run with the same requests in the same order meets the same faults.
 */
export function faultInjector(rules: InjectRule[] | undefined, matches: (pattern: string, operation: string) => boolean) {
  const drawn = (rules ?? []).map((rule) => ({ rule, random: seeded(rule.seed ?? 1) }));
  return (operation: string): FaultKind | undefined => {
    for (const { rule, random } of drawn) {
      if (rule.match && !rule.match.some((p) => matches(p, operation))) continue;
      if (rule.percent <= 0 || random() * 100 >= rule.percent) continue;
      const kinds = rule.kinds?.length ? rule.kinds : FAULT_KINDS;
      return kinds[Math.floor(random() * kinds.length)];
    }
    return undefined;
  };
}

/** A successful body as a body fault spoils it: the first half, the protocol's syntax broken, or nothing. */
export function spoilBody(kind: FaultKind, body: string): string {
  if (kind === 'empty') return '';
  if (kind === 'truncated') return body.slice(0, Math.floor(body.length / 2));
  // Neither XML nor JSON: what a misbehaving proxy or a corrupted stream hands over.
  return `\u0000<<{{ not an answer ${body.slice(0, 16).replace(/[<>{}"]/g, '')}`;
}
